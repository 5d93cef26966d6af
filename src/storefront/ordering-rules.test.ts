import { describe, expect, it } from 'vitest';
import { calendarMonth, centsNumber, centsText, quantityProblem, toCents } from './ordering-rules.ts';

describe('money in cents', () => {
  it('adds prices without float drift and writes them back exactly', () => {
    const cents = [toCents('0.10'), toCents('0.20'), toCents(19.99), toCents('1000000000.01')];
    expect(cents).toEqual([10, 20, 1999, 100000000001]);
    expect(centsText(10 + 20)).toBe('0.30');
    expect(centsNumber(toCents('0.10') * 3)).toBe(0.3);
    expect(centsText(5)).toBe('0.05');
    expect(centsText(-1205)).toBe('-12.05');
  });
});

describe('order quantity limits', () => {
  const rules = { minQuantity: 12, maxQuantity: 120, multiple: 6 };
  it('accepts a quantity that keeps every rule', () => {
    expect(quantityProblem(rules, 12)).toBeNull();
    expect(quantityProblem(rules, 120)).toBeNull();
    expect(quantityProblem({ minQuantity: null, maxQuantity: null, multiple: null }, 7)).toBeNull();
  });
  it('says what would be accepted instead', () => {
    expect(quantityProblem(rules, 20)).toBe('quantity must be a multiple of 6 between 12 and 120; 18 or 24 would do');
    expect(quantityProblem(rules, 6)).toBe('quantity must be a multiple of 6 between 12 and 120; 12 would do');
    expect(quantityProblem(rules, 126)).toBe('quantity must be a multiple of 6 between 12 and 120; 120 would do');
    expect(quantityProblem({ minQuantity: 10, maxQuantity: null, multiple: null }, 3)).toBe('quantity must be at least 10; 10 would do');
    expect(quantityProblem({ minQuantity: null, maxQuantity: 50, multiple: null }, 51)).toBe('quantity must be at most 50; 50 would do');
    expect(quantityProblem({ minQuantity: null, maxQuantity: null, multiple: 4 }, 2)).toBe('quantity must be a multiple of 4; 4 would do');
    expect(quantityProblem({ minQuantity: null, maxQuantity: null, multiple: 4 }, 9)).toBe('quantity must be a multiple of 4; 8 or 12 would do');
  });
});

describe('the calendar month of a monthly spending limit', () => {
  it('runs from the first instant of the month to the first of the next (UTC)', () => {
    expect(calendarMonth(new Date('2026-03-31T23:59:59.999Z'))).toEqual({ start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') });
    expect(calendarMonth(new Date('2026-04-01T00:00:00Z')).start).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(calendarMonth(new Date('2026-12-15T12:00:00Z'))).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(calendarMonth(new Date('2028-02-29T10:00:00Z')).end).toEqual(new Date('2028-03-01T00:00:00Z'));
  });
});
