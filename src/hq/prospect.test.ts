// Unit tests for the prospect decision rule and number formatting.
import { describe, expect, it } from 'vitest';
import { assertUndecided } from './prospect.ts';
import { formatNumber } from './number-sequence.ts';
import { DomainError } from '../platform/errors.ts';

describe('assertUndecided', () => {
  it('lets a New prospect be decided', () => {
    expect(() => assertUndecided({ id: 'PRS-1', status: 'New', customerAccount: null, hierarchyId: null })).not.toThrow();
  });

  it('refuses a decided prospect with a conflict that carries the earlier outcome', () => {
    try {
      assertUndecided({ id: 'PRS-1', status: 'Approved', customerAccount: 'C000001', hierarchyId: 'H000001' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('conflict');
      expect((error as DomainError).message).toBe('Prospect PRS-1 is already approved; only a New prospect can be approved or rejected.');
      expect((error as DomainError).details).toEqual({ prospectStatus: 'Approved', customerAccount: 'C000001', hierarchyId: 'H000001' });
    }
    expect(() => assertUndecided({ id: 'PRS-2', status: 'Rejected', customerAccount: null, hierarchyId: null })).toThrow(/already rejected/);
  });
});

describe('formatNumber', () => {
  it('pads to the width after the prefix, and never truncates', () => {
    expect(formatNumber('C', 6, 42)).toBe('C000042');
    expect(formatNumber('PRS-', 3, 12345)).toBe('PRS-12345');
  });
});
