// The mails of ordering on account, through a real SMTP exchange: order placed (to the buyer), awaiting approval (to
// every other admin), approved and rejected (to the buyer, with the reason), invoiced (to the buyer, once the invoice
// reached the storefront); nothing for a refused checkout; edited templates are used; a restart adds missing types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { addedUser, approvedPartner } from '../helpers/partners.ts';
import type { ApprovedPartner, MailReader, PartnerUser } from '../helpers/partners.ts';
import { decoded, smtpServer } from '../helpers/smtp.ts';
import { outbox } from '../../src/storefront/schema.ts';
import { profileEntries, templates } from '../../src/mail/schema.ts';

const smtp = smtpServer();
let t: TestApp;
let operations: string;
let p: ApprovedPartner;
let adminName: string;
let admin2: PartnerUser;
let account: string;
const run = Date.now().toString(36).toUpperCase();
const hinge = `M${run}-10`;
const orderTypes = ['order-placed', 'order-awaiting-approval', 'order-approved', 'order-rejected', 'order-invoiced'];

/** Bodies (text and HTML) of what the SMTP server received for an address, as a reader sees them. */
const inbox = (email: string) => smtp.to(email).map((m) => decoded(m.raw));
const received = (email: string, ...needles: string[]) => waitFor(() => inbox(email).find((body) => needles.every((n) => body.includes(n))), `the mail to ${email} with ${needles.join(', ')}`);
const readInvitation: MailReader = (email) => received(email, '/invitation#');

/** Every mail event the storefront wrote has become a message: the relay acknowledges events only after queueing them. */
async function mailSettled() {
  await waitFor(async () => {
    const [pending] = await t.app.dbs.db.storefront.select({ n: count() }).from(outbox).where(and(eq(outbox.consumer, 'mail'), isNull(outbox.deliveredAt)));
    return pending!.n === 0 || undefined;
  }, 'the storefront mail events to be read');
}
/** The delivery log, `to` matching the recipient or the subject. */
const logged = async (type: string, to: string) => (await t.request('GET', `/api/mail/messages?type=${type}&to=${encodeURIComponent(to)}`, { token: operations })).body as { total: number; items: { to: string }[] };

async function placeOrder(token: string, quantity: number, purchaseOrderNumber?: string) {
  expect((await t.request('POST', '/api/store/cart/lines', { token, body: { itemNumber: hinge, quantity } })).status).toBe(201);
  const placed = await t.request('POST', '/api/store/checkout', { token, body: purchaseOrderNumber ? { purchaseOrderNumber } : {} });
  expect(placed.status).toBe(201);
  return placed.body as { orderId: string; number: string; status: string };
}

beforeAll(async () => {
  await smtp.start();
  t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_RETRY_BASE_MS: '100' } });
  operations = await t.staffToken(['hq-operations']);
  expect((await t.request('POST', '/api/hq/products', { token: operations, body: { itemNumber: hinge, name: 'Hinge', unit: 'pcs', price: 10 } })).status).toBe(201);
  p = await approvedPartner(t, {}, readInvitation);
  const me = (await t.request('GET', '/api/store/me', { token: p.admin })).body;
  adminName = `${me.user.firstName} ${me.user.lastName}`;
  account = me.organization.account;
  expect((await t.request('PATCH', `/api/hq/customers/${account}`, { token: t.adminToken, body: { creditLimit: 1000 } })).status).toBe(200);
  await waitFor(async () => (await t.request('GET', '/api/store/organization/credit', { token: p.admin })).body.creditLimit === 1000 || undefined, 'the credit limit on the storefront');
  await waitFor(async () => (await t.request('GET', `/api/store/products?search=${hinge}`, { token: p.admin })).body.total === 1 || undefined, 'the product in the catalogue');
  // A second admin, with a spending limit that an admin's own orders do not need approval for.
  admin2 = await addedUser(t, p, { role: 'Admin', spendingLimit: 10 }, readInvitation);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp.stop();
});

describe('order mails', () => {
  let buyer: PartnerUser;
  beforeAll(async () => {
    buyer = await addedUser(t, p, { spendingLimit: 50 }, readInvitation);
  }, 60_000);

  it('order placed: the buyer gets its number, total, purchase order number, status and a link to it', async () => {
    const o = await placeOrder(p.admin, 3, 'PO-M1');
    expect(o.status).toBe('Placed');
    const body = await received(p.email, o.number, 'Thank you for your order');
    expect(body).toContain('30.00 EUR');
    expect(body).toContain('PO-M1');
    expect(body).toContain('Its status: Placed');
    expect(body).toContain(`/my-account/orders/${o.orderId}`);
    expect(body).toContain(p.company);
  });

  it('an admin ordering above their own spending limit places the order and asks nobody to approve it', async () => {
    const o = await placeOrder(admin2.token, 3);
    expect(o.status).toBe('Placed');
    await received(admin2.email, o.number, 'Its status: Placed');
    await mailSettled();
    expect((await logged('order-awaiting-approval', o.number)).total).toBe(0);
  });

  it('over the spending limit: the buyer hears it awaits approval, every other admin is asked with the buyer, total and limit; approval tells the buyer', async () => {
    const o = await placeOrder(buyer.token, 6, 'PO-M2');
    expect(o.status).toBe('AwaitingApproval');
    expect(await received(buyer.email, o.number, 'Thank you for your order')).toContain('Its status: Awaiting approval');
    for (const admin of [p.email, admin2.email]) {
      const body = await received(admin, o.number, 'approve or reject');
      expect(body).toContain(`${buyer.name} ordered ${o.number} of 60.00 EUR`);
      expect(body).toContain('spending limit per order of 50.00 EUR');
      expect(body).toContain('PO-M2');
      expect(body).toContain('/my-account/approvals');
    }
    await mailSettled();
    expect((await logged('order-awaiting-approval', o.number)).items.map((m) => m.to).sort()).toEqual([p.email, admin2.email].sort());

    expect((await t.request('POST', `/api/store/orders/${o.orderId}/approve`, { token: admin2.token })).status).toBe(200);
    const approved = await received(buyer.email, o.number, 'approved your order');
    expect(approved).toContain(`${admin2.name} approved your order ${o.number} of 60.00 EUR`);
    expect(approved).toContain(`/my-account/orders/${o.orderId}`);
  });

  it("rejected: the buyer gets the admin's reason", async () => {
    const o = await placeOrder(buyer.token, 7);
    expect(o.status).toBe('AwaitingApproval');
    const reason = 'Split it by cost centre & order again, please';
    expect((await t.request('POST', `/api/store/orders/${o.orderId}/reject`, { token: p.admin, body: { reason } })).status).toBe(200);
    const body = await received(buyer.email, o.number, 'rejected your order');
    expect(body).toContain(`${adminName} rejected your order ${o.number} of 70.00 EUR`);
    expect(body).toContain(`The reason: ${reason}`);
    // The HTML body carries the reason escaped.
    expect(body).toContain('Split it by cost centre &amp; order again');
  });

  it('invoiced: the buyer hears the invoice number, amount and due date once it reaches the storefront, and not again on payment', async () => {
    const o = await placeOrder(buyer.token, 2);
    expect(o.status).toBe('Placed');
    const salesOrder = await waitFor(
      async () => (await t.request('GET', `/api/hq/sales-orders?customer=${account}`, { token: operations })).body.items.find((s: { storefrontOrderNumber: string }) => s.storefrontOrderNumber === o.number),
      'the sales order in HQ',
    );
    expect((await t.request('POST', `/api/hq/sales-orders/${salesOrder.id}/confirm`, { token: operations })).status).toBe(200);
    const invoice = (await t.request('POST', `/api/hq/sales-orders/${salesOrder.id}/invoice`, { token: operations })).body.invoice;
    const body = await received(buyer.email, invoice.number, 'has been invoiced');
    expect(body).toContain(`Your order ${o.number} has been invoiced: invoice ${invoice.number} of 20.00 EUR, due on ${invoice.dueDate}`);
    expect(body).toContain(`/my-account/orders/${o.orderId}`);
    expect(body).toContain('/my-account/invoices');

    expect((await t.request('POST', `/api/hq/invoices/${invoice.id}/payments`, { token: operations, body: { amount: 20 } })).status).toBe(200);
    await waitFor(async () => (await t.request('GET', '/api/store/invoices?status=Paid', { token: buyer.token })).body.items.some((i: { id: string }) => i.id === invoice.id) || undefined, 'the payment on the storefront');
    await mailSettled();
    expect((await logged('order-invoiced', invoice.number)).items.map((m) => m.to)).toEqual([buyer.email]);
  });

  it('a checkout refused for want of credit sends nothing', async () => {
    const spender = await addedUser(t, p, {}, readInvitation);
    expect((await t.request('POST', '/api/store/cart/lines', { token: spender.token, body: { itemNumber: hinge, quantity: 200 } })).status).toBe(201);
    const refused = await t.request('POST', '/api/store/checkout', { token: spender.token, body: {} });
    expect(refused.status).toBe(409);
    await mailSettled();
    for (const type of orderTypes) expect((await logged(type, spender.email)).total).toBe(0);
    expect(inbox(spender.email)).toHaveLength(1); // the invitation only
  });
});

describe('order mail templates', () => {
  it('HQ lists each order type with its placeholders and previews it with sample values', async () => {
    const list = (await t.request('GET', '/api/mail/templates', { token: operations })).body as { type: string; language: string; typeLabel: string; placeholders: string[]; subject: string; html: string; text: string }[];
    // Each type ships in English and Estonian; the English one is checked word for word.
    const byType = new Map(list.filter((x) => x.language === 'en-us').map((x) => [x.type, x]));
    for (const type of orderTypes) expect(list.filter((x) => x.type === type).map((x) => x.language).sort()).toEqual(['en-us', 'et']);
    expect(byType.get('order-placed')).toMatchObject({ typeLabel: 'Order placed', placeholders: expect.arrayContaining(['ordernumber', 'total', 'currency', 'ponumber', 'status', 'orderlink']) });
    expect(byType.get('order-awaiting-approval')).toMatchObject({ typeLabel: 'Order awaiting your approval', placeholders: expect.arrayContaining(['buyername', 'limit', 'approvalslink']) });
    expect(byType.get('order-approved')?.placeholders).toContain('approvername');
    expect(byType.get('order-rejected')?.placeholders).toContain('reason');
    expect(byType.get('order-invoiced')?.placeholders).toEqual(expect.arrayContaining(['invoicenumber', 'amount', 'duedate', 'invoiceslink']));
    const rejected = byType.get('order-rejected')!;
    const preview = await t.request('POST', '/api/mail/templates/preview', { token: operations, body: { type: 'order-rejected', subject: rejected.subject, html: rejected.html, text: rejected.text } });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Your order SO-00000042 has been rejected');
    expect(preview.body.text).toContain('Maria Tamm rejected your order SO-00000042 of 1250.00 EUR');
    const wrong = await t.request('POST', '/api/mail/templates/preview', { token: operations, body: { type: 'order-placed', subject: '%invoicenumber%', html: '', text: 'x' } });
    expect(wrong.status).toBe(400);
  });

  it('an edited template is used; a restart keeps the edit and adds back a missing type', async () => {
    const list = (await t.request('GET', '/api/mail/templates', { token: operations })).body as { id: number; type: string; language: string }[];
    const placedTemplate = list.find((x) => x.type === 'order-placed' && x.language === 'en-us')!;
    const edit = { subject: 'Order %ordernumber% is in', html: '<p>Hi %firstname%, we got %ordernumber% (%ponumber%) for %total% %currency%.</p>', text: 'Hi %firstname%, we got %ordernumber% (%ponumber%) for %total% %currency%.' };
    expect((await t.request('PUT', `/api/mail/templates/${placedTemplate.id}`, { token: operations, body: edit })).status).toBe(200);
    const o = await placeOrder(p.admin, 1, 'PO-M9');
    await received(p.email, `we got ${o.number} (PO-M9) for 10.00 EUR.`);

    // An install from before the order mails: the type's template and profile entry are missing.
    const mailDb = t.app.dbs.db.mail;
    await mailDb.delete(templates).where(eq(templates.type, 'order-invoiced'));
    await mailDb.delete(profileEntries).where(eq(profileEntries.type, 'order-invoiced'));
    await t.app.mail.setUp();
    const after = (await t.request('GET', '/api/mail/templates', { token: operations })).body as { type: string; language: string; subject: string; updatedBy: string }[];
    const invoiced = after.filter((x) => x.type === 'order-invoiced').sort((a, b) => a.language.localeCompare(b.language));
    expect(invoiced).toEqual([expect.objectContaining({ language: 'en-us', subject: 'Invoice %invoicenumber% for your order %ordernumber%', updatedBy: 'Handshake' }), expect.objectContaining({ language: 'et', updatedBy: 'Handshake' })]);
    expect(after.find((x) => x.type === 'order-placed' && x.language === 'en-us')).toMatchObject({ subject: edit.subject });
    const entries = await mailDb.select().from(profileEntries).where(and(eq(profileEntries.profileId, 'default'), inArray(profileEntries.type, orderTypes)));
    expect(entries.map((e) => `${e.type}:${e.mode}`).sort()).toEqual(orderTypes.map((type) => `${type}:Send`).sort());
  });
});
