// Dates and names shown the same way everywhere, in the reader's locale.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

function parse(value: string | undefined | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatDateTime(value: string | undefined | null, withSeconds = false): string {
  const date = parse(value);
  if (!date) return '—';
  return (withSeconds ? dateTimeSeconds : dateTime).format(date);
}

export function formatDate(value: string | undefined | null): string {
  const date = parse(value);
  return date ? dateOnly.format(date) : '—';
}

export function formatNumber(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : integer.format(value);
}

export function formatAmount(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : money.format(value);
}

export function fullName(person: { firstName?: string | undefined; lastName?: string | undefined }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}
