// The mail area's words: notification types and message statuses as people read them (hq:mail.types, hq:mail.statuses).
import { Badge } from '@mantine/core';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';

/** A notification type in the current language (call it while rendering); an unknown one shows `fallback` or itself. */
export function typeLabel(type: string, fallback?: string): string {
  // The texts name every type the server knows (test/i18n/keys.test.ts keeps both languages complete).
  return i18next.exists(`hq:mail.types.${type}`) ? i18next.t(`hq:mail.types.${type}`) : (fallback ?? type);
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
