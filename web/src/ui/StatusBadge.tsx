// Every status of the product as a coloured badge; the text is the status as people read it.
import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';

const looks: Record<string, { label: string; color: MantineColor }> = {
  // Prospects
  New: { label: 'New', color: 'blue' },
  Approved: { label: 'Approved', color: 'teal' },
  Rejected: { label: 'Rejected', color: 'red' },
  // The applicant's request
  Received: { label: 'Received', color: 'blue' },
  InReview: { label: 'In review', color: 'yellow' },
  WaitingForApplicant: { label: 'Waiting for applicant', color: 'grape' },
  // Job runs
  Pending: { label: 'Pending', color: 'gray' },
  Running: { label: 'Running', color: 'blue' },
  Applied: { label: 'Applied', color: 'teal' },
  Failed: { label: 'Failed', color: 'red' },
  // Channel requests
  Uploaded: { label: 'Uploaded', color: 'blue' },
  Processed: { label: 'Processed', color: 'teal' },
  // CRM records
  Open: { label: 'Open', color: 'blue' },
  Qualified: { label: 'Qualified', color: 'teal' },
  Disqualified: { label: 'Disqualified', color: 'red' },
  Won: { label: 'Won', color: 'teal' },
  Lost: { label: 'Lost', color: 'red' },
  Active: { label: 'Active', color: 'teal' },
  Inactive: { label: 'Inactive', color: 'gray' },
  // Hierarchy members (and partner users)
  Invited: { label: 'Invited', color: 'blue' },
  Removed: { label: 'Removed', color: 'gray' },
  // Released products
  Discontinued: { label: 'Discontinued', color: 'gray' },
  // Dual-write maps and records
  NotRunning: { label: 'Not running', color: 'gray' },
  Initializing: { label: 'Initializing', color: 'cyan' },
  Paused: { label: 'Paused', color: 'yellow' },
  Stopped: { label: 'Stopped', color: 'gray' },
  Error: { label: 'Error', color: 'red' },
  Created: { label: 'Created', color: 'teal' },
  Updated: { label: 'Updated', color: 'blue' },
  Unchanged: { label: 'Unchanged', color: 'gray' },
  Superseded: { label: 'Superseded', color: 'orange' },
  Skipped: { label: 'Skipped', color: 'gray' },
  Resolved: { label: 'Resolved', color: 'teal' },
  Completed: { label: 'Completed', color: 'teal' },
  // Partner orders
  AwaitingApproval: { label: 'Awaiting approval', color: 'yellow' },
  Placed: { label: 'Placed', color: 'blue' },
  Confirmed: { label: 'Confirmed', color: 'cyan' },
  Invoiced: { label: 'Invoiced', color: 'teal' },
  Canceled: { label: 'Canceled', color: 'gray' },
  // Invoices (an unpaid one reads Open, like an open sales order)
  PartlyPaid: { label: 'Partly paid', color: 'yellow' },
  Paid: { label: 'Paid', color: 'teal' },
  // Hierarchy roles
  Admin: { label: 'Admin', color: 'grape' },
  User: { label: 'User', color: 'gray' },
};

/** The status in the current language (common's status.*); one without a text there yet shows its English label. */
export function statusLabel(status: string): string {
  return i18next.t(`status.${status}`, { defaultValue: looks[status]?.label ?? status });
}

export function StatusBadge({ status, size = 'md' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  useTranslation(); // renders again when the language changes
  const color = looks[status]?.color ?? 'gray';
  return (
    <Badge color={color} variant="light" size={size} radius="sm">
      {statusLabel(status)}
    </Badge>
  );
}
