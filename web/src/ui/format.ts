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

// One formatter per currency: building an Intl.NumberFormat is slow, and a list shows many prices.
const moneyByCurrency = new Map<string, Intl.NumberFormat>();

/** An amount with its currency in the reader's locale, e.g. "€12.50" or "12,50 €"; an unknown code still shows the number. */
export function formatMoney(value: number, currency: string): string {
  let format = moneyByCurrency.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      return `${money.format(value)} ${currency}`;
    }
    moneyByCurrency.set(currency, format);
  }
  return format.format(value);
}

interface QuantityLimits {
  minQuantity?: number | undefined;
  maxQuantity?: number | undefined;
  multiple?: number | undefined;
}

/** A product's order quantity limits in words, e.g. "Sold in multiples of 6, 12–120". */
export function quantityRule({ minQuantity: min, maxQuantity: max, multiple }: QuantityLimits): string {
  const range =
    min !== undefined && max !== undefined
      ? min === max
        ? `exactly ${integer.format(min)}`
        : `${integer.format(min)}–${integer.format(max)}`
      : min !== undefined
        ? `at least ${integer.format(min)}`
        : max !== undefined
          ? `at most ${integer.format(max)}`
          : undefined;
  if (multiple !== undefined && multiple > 1) return range ? `Sold in multiples of ${integer.format(multiple)}, ${range}` : `Sold in multiples of ${integer.format(multiple)}`;
  if (range) return `Order ${range}`;
  return 'Any quantity';
}
