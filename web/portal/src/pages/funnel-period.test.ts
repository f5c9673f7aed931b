import { describe, expect, it } from 'vitest';
import { funnelApiPath, periodFromQuery } from './funnel-period';

const now = new Date('2026-03-01T23:30:00.000Z');

describe('the Auth funnel page period', () => {
  it('is the last 30 UTC days unless a preset or custom dates are in the query', () => {
    expect(periodFromQuery(new URLSearchParams(''), now)).toEqual({ from: '2026-01-31', to: '2026-03-01', days: 30 });
    expect(periodFromQuery(new URLSearchParams('days=7'), now)).toEqual({ from: '2026-02-23', to: '2026-03-01', days: 7 });
    expect(periodFromQuery(new URLSearchParams('days=365'), now)).toEqual({ from: '2025-03-02', to: '2026-03-01', days: 365 });
    expect(periodFromQuery(new URLSearchParams('days=12'), now).days).toBe(30);
    expect(periodFromQuery(new URLSearchParams('from=2026-01-01&to=2026-01-31&days=7'), now)).toEqual({ from: '2026-01-01', to: '2026-01-31', days: undefined });
  });

  it('asks the API for exactly those days, encoded', () => {
    expect(funnelApiPath({ from: '2026-01-01', to: '2026-01-31', days: undefined })).toBe('/funnel?from=2026-01-01&to=2026-01-31');
    expect(funnelApiPath({ from: 'a&b', to: 'c', days: undefined })).toBe('/funnel?from=a%26b&to=c');
  });
});
