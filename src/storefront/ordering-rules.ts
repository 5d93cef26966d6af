// The dense rules of ordering, kept pure so they can be tested without a server: money in cents, order quantity
// limits with what would be accepted, and the calendar month a monthly spending limit counts.

/** A numeric column's text ("12.50") as integer cents: sums and comparisons never drift like floats do. */
export function toCents(value: string | number): number {
  return Math.round(Number(value) * 100);
}

/** Integer cents as the numeric column's text ("1234.05"). */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer cents as the JSON number the API answers with (exact to the cent once parsed). */
export function centsNumber(cents: number): number {
  return Number(centsText(cents));
}

export function formatMoney(cents: number, currency: string): string {
  return `${centsText(cents)} ${currency}`;
}

export interface QuantityRules {
  minQuantity: number | null;
  maxQuantity: number | null;
  multiple: number | null;
}

/**
 * Why a quantity is not accepted, saying what would be ("quantity must be a multiple of 6 between 12 and 120; 18 or
 * 24 would do"), or null when it is. HQ guarantees min and max are multiples and min ≤ max.
 */
export function quantityProblem(rules: QuantityRules, quantity: number): string | null {
  const step = rules.multiple ?? 1;
  const lowest = Math.ceil(Math.max(rules.minQuantity ?? 1, 1) / step) * step;
  const highest = rules.maxQuantity === null ? Infinity : Math.floor(rules.maxQuantity / step) * step;
  if (Number.isInteger(quantity) && quantity >= lowest && quantity <= highest && quantity % step === 0) return null;

  const parts: string[] = [];
  if (step > 1) parts.push(`a multiple of ${step}`);
  const hasMin = rules.minQuantity !== null && rules.minQuantity > 1;
  if (hasMin && highest !== Infinity) parts.push(`between ${lowest} and ${highest}`);
  else if (highest !== Infinity) parts.push(`at most ${highest}`);
  else if (hasMin) parts.push(`at least ${lowest}`);
  let would: number[];
  if (quantity < lowest) would = [lowest];
  else if (quantity > highest) would = [highest];
  else would = [Math.floor(quantity / step) * step, Math.ceil(quantity / step) * step].filter((q, i, all) => q >= lowest && q <= highest && all.indexOf(q) === i);
  return `quantity must be ${parts.join(' ') || 'a whole number of at least 1'}; ${would.join(' or ')} would do`;
}

/** The calendar month (UTC) containing `now`, as [start, end): a monthly spending limit counts the orders within it. */
export function calendarMonth(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}
