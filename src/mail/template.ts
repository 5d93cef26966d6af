// Notification types, the placeholders each may use, validation of a template, and rendering with escaping.
import { DomainError } from '../platform/errors.ts';

export const notificationTypes = [
  'partner-request-received',
  'prospect-approved',
  'prospect-rejected',
  'organization-user-added',
  'applicant-question',
  'applicant-question-reminder',
  'password-reset',
  'order-placed',
  'order-awaiting-approval',
  'order-approved',
  'order-rejected',
  'order-invoiced',
  'sync-alert',
  'test',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

export const placeholders: Record<NotificationType, string[]> = {
  'partner-request-received': ['firstname', 'lastname', 'company', 'email', 'storename', 'storeurl'],
  'prospect-approved': ['firstname', 'lastname', 'company', 'email', 'zipcode', 'comments', 'storename', 'storeurl', 'invitationlink'],
  'prospect-rejected': ['firstname', 'lastname', 'company', 'reason', 'storename', 'storeurl'],
  'organization-user-added': ['firstname', 'lastname', 'company', 'email', 'invitationlink', 'storename', 'storeurl'],
  'applicant-question': ['firstname', 'company', 'question', 'statuslink', 'storename', 'storeurl'],
  'applicant-question-reminder': ['firstname', 'company', 'question', 'statuslink', 'storename', 'storeurl'],
  'password-reset': ['firstname', 'lastname', 'company', 'email', 'resetlink', 'storename', 'storeurl'],
  'order-placed': ['firstname', 'lastname', 'company', 'ordernumber', 'total', 'currency', 'ponumber', 'status', 'orderlink', 'storename', 'storeurl'],
  'order-awaiting-approval': ['firstname', 'lastname', 'company', 'buyername', 'ordernumber', 'total', 'currency', 'ponumber', 'limit', 'approvalslink', 'orderlink', 'storename', 'storeurl'],
  'order-approved': ['firstname', 'lastname', 'company', 'ordernumber', 'total', 'currency', 'ponumber', 'approvername', 'orderlink', 'storename', 'storeurl'],
  'order-rejected': ['firstname', 'lastname', 'company', 'ordernumber', 'total', 'currency', 'ponumber', 'approvername', 'reason', 'orderlink', 'storename', 'storeurl'],
  'order-invoiced': ['firstname', 'lastname', 'company', 'ordernumber', 'ponumber', 'invoicenumber', 'amount', 'currency', 'duedate', 'orderlink', 'invoiceslink', 'storename', 'storeurl'],
  'sync-alert': ['mapname', 'errors', 'minutes', 'workspaceurl'],
  test: [],
};

export const typeLabels: Record<NotificationType, string> = {
  'partner-request-received': 'Partner request received',
  'prospect-approved': 'B2B prospect approved',
  'prospect-rejected': 'B2B prospect rejected',
  'organization-user-added': 'Organization user added',
  'applicant-question': 'Question to the applicant',
  'applicant-question-reminder': 'Question to the applicant: reminder',
  'password-reset': 'Password reset',
  'order-placed': 'Order placed',
  'order-awaiting-approval': 'Order awaiting your approval',
  'order-approved': 'Order approved',
  'order-rejected': 'Order rejected',
  'order-invoiced': 'Order invoiced',
  'sync-alert': 'Sync alert',
  test: 'Test message',
};

/** Values shown in a preview: what a real message of this type would carry. */
export const sampleValues: Record<string, string> = {
  firstname: 'Maria',
  lastname: 'Tamm',
  company: 'Contoso & Sons <Ltd>',
  email: 'maria.tamm@contoso.test',
  zipcode: '10117',
  comments: 'We would like to buy on account.',
  reason: 'We only onboard companies with a VAT number.',
  storename: 'Contoso B2B',
  storeurl: 'https://b2b.contoso.test',
  invitationlink: 'https://b2b.contoso.test/invitation#sample-token',
  resetlink: 'https://b2b.contoso.test/reset-password#sample-token',
  ordernumber: 'SO-00000042',
  total: '1250.00',
  currency: 'EUR',
  ponumber: 'PO-7781',
  status: 'Awaiting approval',
  orderlink: 'https://b2b.contoso.test/my-account/orders/3f2b8c1e-5d4a-4c2e-9a7b-1e2f3a4b5c6d',
  buyername: 'Jaan Kask',
  limit: 'spending limit per order of 1000.00 EUR',
  approvalslink: 'https://b2b.contoso.test/my-account/approvals',
  approvername: 'Maria Tamm',
  invoicenumber: 'INV000017',
  amount: '1250.00',
  duedate: '2026-02-14',
  invoiceslink: 'https://b2b.contoso.test/my-account/invoices',
  question: 'Could you send us a copy of your trade register extract?',
  statuslink: 'https://b2b.contoso.test/partner/request-status/sample-token',
  mapname: 'Customers: organizations ↔ Accounts',
  errors: '10',
  minutes: '15',
  workspaceurl: 'https://b2b.contoso.test/hq/dual-write',
};

const pattern = /%([a-z]+)%/gi;

export interface TemplateInput {
  type: NotificationType;
  subject: string;
  html: string;
  text: string;
}

/** Refuses an empty subject or a placeholder the type does not offer, naming it and where it is. */
export function validateTemplate(input: TemplateInput): void {
  if (!input.subject.trim()) throw DomainError.invalid('subject', 'must not be empty');
  if (!input.html.trim() && !input.text.trim()) throw DomainError.invalid('html', 'and the plain-text body must not both be empty');
  const allowed = placeholders[input.type];
  for (const field of ['subject', 'html', 'text'] as const) {
    for (const match of input[field].matchAll(pattern)) {
      const name = match[1]!.toLowerCase();
      if (!allowed.includes(name)) {
        throw DomainError.invalid(field, `uses the unknown placeholder %${match[1]}%; ${typeLabels[input.type]} offers ${allowed.map((p) => `%${p}%`).join(', ') || 'none'}`);
      }
    }
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** Replaces placeholders; values are HTML-escaped in the HTML body and left as they are elsewhere. */
export function render(template: Omit<TemplateInput, 'type'>, values: Record<string, string | null | undefined>) {
  const fill = (text: string, escape: boolean) => text.replace(pattern, (_m, name: string) => {
    const value = values[name.toLowerCase()] ?? '';
    return escape ? escapeHtml(value) : value;
  });
  return { subject: fill(template.subject, false).replace(/[\r\n]+/g, ' '), html: fill(template.html, true), text: fill(template.text, false) };
}
