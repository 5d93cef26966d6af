// The mail area's words: notification types and message statuses as people read them (hq:mail.types, hq:mail.statuses).
import { Badge } from '@mantine/core';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';

const types = [
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
];

/** A notification type in the current language (call it while rendering); an unknown one shows `fallback` or itself. */
export function typeLabel(type: string, fallback?: string): string {
  return types.includes(type) ? i18next.t(`hq:mail.types.${type}`) : (fallback ?? type);
}

const colors: Record<string, string> = { Queued: 'blue', Held: 'yellow', Sent: 'teal', Failed: 'red', Stored: 'gray' };

/** A message status in the current language (call it while rendering). */
export function mailStatusLabel(status: string): string {
  return status in colors ? i18next.t(`hq:mail.statuses.${status}`) : status;
}

export function MailStatusBadge({ status }: { status: string }) {
  useTranslation('hq'); // renders again when the language changes
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {mailStatusLabel(status)}
    </Badge>
  );
}
