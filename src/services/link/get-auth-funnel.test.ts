import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { isoWeekStart } from '../../domain/link/auth-funnel.js';
import { resolvePeriod } from './get-auth-funnel.js';

const now = new Date('2026-03-01T23:30:00.000Z');

function refusal(input: { from?: string; to?: string }): string {
  try {
    resolvePeriod(now, input);
  } catch (error) {
    if (isAppError(error) && error.code === 'BAD_REQUEST') return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('the auth funnel period', () => {
  it('defaults to the last 30 UTC days, today included, and takes either end alone', () => {
    expect(resolvePeriod(now, {})).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(resolvePeriod(now, { to: '2025-12-31' })).toEqual({ from: '2025-12-02', to: '2025-12-31' });
    expect(resolvePeriod(now, { from: '2026-02-20' })).toEqual({ from: '2026-02-20', to: '2026-03-01' });
    expect(resolvePeriod(now, { from: '2026-02-20', to: '2026-02-20' })).toEqual({ from: '2026-02-20', to: '2026-02-20' });
  });

  it('allows a year (a leap year too) and refuses longer, reversed or malformed periods with a clear message', () => {
    expect(resolvePeriod(now, { from: '2024-01-01', to: '2024-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(refusal({ from: '2024-01-01', to: '2025-01-01' })).toBe('The period is 367 days long; choose at most 366 days.');
    expect(refusal({ from: '2026-02-02', to: '2026-02-01' })).toBe('The period starts (2026-02-02) after it ends (2026-02-01).');
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-01-01T00:00:00Z', 'yesterday']) {
      expect(refusal({ from: bad })).toBe("'from' must be a date like 2026-01-31.");
    }
    expect(refusal({ to: '2026-02-29' })).toBe("'to' must be a date like 2026-01-31.");
  });

  it('starts ISO weeks on Monday, in UTC', () => {
    expect(['2024-01-01', '2024-01-03', '2024-01-07'].map(isoWeekStart)).toEqual(['2024-01-01', '2024-01-01', '2024-01-01']);
    expect(isoWeekStart('2024-01-08')).toBe('2024-01-08');
    expect(isoWeekStart('2025-01-01')).toBe('2024-12-30');
  });
});
