// The mail area's words: notification types and message statuses as people read them.
import { Badge } from '@mantine/core';

const types: Record<string, string> = {
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

export function typeLabel(type: string): string {
  return types[type] ?? type;
}

const statuses: Record<string, { label: string; color: string }> = {
  Queued: { label: 'Queued', color: 'blue' },
  Held: { label: 'Held', color: 'yellow' },
  Sent: { label: 'Sent', color: 'teal' },
  Failed: { label: 'Failed', color: 'red' },
  Stored: { label: 'Kept in the local mailbox, not sent', color: 'gray' },
};

export function MailStatusBadge({ status }: { status: string }) {
  const look = statuses[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={look.color} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {look.label}
    </Badge>
  );
}
