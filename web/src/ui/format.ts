// Dates, numbers, money and country names shown the same way everywhere, in the reader's locale: the language the
// app is shown in (<html lang>, kept in sync with the chosen language), else the browser's.

/** The locale to format in, read each time so a language switch applies on the next render. */
export function currentLocale(): string | undefined {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return lang || (typeof navigator === 'undefined' ? undefined : navigator.language);
}

import i18next from 'i18next';

// One formatter per locale and kind: building an Intl formatter is slow, and a list formats many values.
const formatters = new Map<string, unknown>();
function cached<T>(kind: string, make: (locale: string | undefined) => T): T {
  const locale = currentLocale();
  const key = `${kind}|${locale ?? ''}`;
  let format = formatters.get(key) as T | undefined;
  if (!format) {
    try {
      format = make(locale);
    } catch {
      format = make(undefined); // a language tag Intl does not take: the browser's own locale
    }
    formatters.set(key, format);
  }
  return format;
}

const dateTime = () => cached('dateTime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));
const dateTimeSeconds = () => cached('dateTimeSeconds', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }));
const dateOnly = () => cached('dateOnly', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'long' }));
const integer = () => cached('integer', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));
const money = () => cached('money', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 }));
const regionNames = () => cached('region', (l) => new Intl.DisplayNames(l ? [l] : undefined, { type: 'region', fallback: 'code' }));

function parse(value: string | undefined | null): Date | undefined {
  if (!value) return undefined;
  // A calendar date (2026-12-02) is that day wherever the reader is, not midnight UTC shown as the day before.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatDateTime(value: string | undefined | null, withSeconds = false): string {
  const date = parse(value);
  if (!date) return '—';
  return (withSeconds ? dateTimeSeconds() : dateTime()).format(date);
}

export function formatDate(value: string | undefined | null): string {
  const date = parse(value);
  return date ? dateOnly().format(date) : '—';
}

export function formatNumber(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : integer().format(value);
}

/** A number with up to two decimals and no currency; for money use formatMoney. */
export function formatAmount(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : money().format(value);
}

/** Money without a currency code to show, always with two decimals (spending limits in a table of the store's currency). */
export function formatDecimal(value: number): string {
  return cached('decimal', (l) => new Intl.NumberFormat(l, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(value);
}

/** A calendar day (2026-12-02) as the reader writes it; read in UTC so it is the same day everywhere. */
export function formatCalendarDay(day: string): string {
  const parsed = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? day : cached('calendarDay', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(parsed);
}

/** "in 3 minutes", "2 days ago", "vor 2 Tagen" … in the reader's language. */
export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  return cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' })).format(value, unit);
}

/** A country/region's name in the reader's language (EE → "Estonia", "Eesti"); the code itself when unknown. */
export function formatCountry(code: string | undefined | null): string {
  if (!code) return '—';
  try {
    return regionNames().of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function fullName(person: { firstName?: string | undefined; lastName?: string | undefined }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}

/** An amount with its currency in the reader's locale, e.g. "€12.50" or "12,50 €"; an unknown code still shows the number. */
export function formatMoney(value: number | undefined | null, currency: string): string {
  if (value === undefined || value === null) return '—';
  try {
    return cached(`money:${currency}`, (l) => new Intl.NumberFormat(l, { style: 'currency', currency })).format(value);
  } catch {
    return `${money().format(value)} ${currency}`;
  }
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
        ? i18next.t('quantity.exactly', { n: integer().format(min) })
        : `${integer().format(min)}–${integer().format(max)}`
      : min !== undefined
        ? i18next.t('quantity.atLeast', { n: integer().format(min) })
        : max !== undefined
          ? i18next.t('quantity.atMost', { n: integer().format(max) })
          : undefined;
  if (multiple !== undefined && multiple > 1) {
    const n = integer().format(multiple);
    return range ? i18next.t('quantity.multiplesWithRange', { n, range }) : i18next.t('quantity.multiples', { n });
  }
  if (range) return i18next.t('quantity.order', { range });
  return i18next.t('quantity.any');
}

/**
 * How a number field groups and marks decimals in the reader's locale: "1,000.50" in English, "1 000,50" in
 * Estonian, so a number is typed the way it is shown. Spread into Mantine's NumberInput.
 */
export function numberInputSeparators(): { thousandSeparator: string; decimalSeparator: string } {
  const parts = cached('separators', (l) => new Intl.NumberFormat(l).formatToParts(12345.6));
  return { thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',', decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}
