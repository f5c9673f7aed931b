import { describe, expect, it } from 'vitest';
import {
  afterSuccessfulRefresh,
  afterTransientFailure,
  dailySlotMs,
  effectiveMarginMs,
  initialRefreshState,
  isAccessTokenDue,
  nextDailySlot,
  nextRefreshDueAt,
  transientRetryAt,
} from './token-refresh.js';

const at = (iso: string) => new Date(iso);
const T0 = '2026-03-01T12:00:00.000Z';
const plus = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describe('token refresh scheduling', () => {
  it('caps the margin at half the token lifetime, so a short token is not always due', () => {
    expect(effectiveMarginMs({ marginSeconds: 900 }, { obtainedAt: T0, expiresAt: plus(30) })).toBe(15_000);
    expect(effectiveMarginMs({ marginSeconds: 900 }, { obtainedAt: T0, expiresAt: plus(3600) })).toBe(900_000);
    // Legacy token sets without obtainedAt: the provider's margin as it is.
    expect(effectiveMarginMs({ marginSeconds: 900 }, { expiresAt: plus(30) })).toBe(900_000);
    expect(isAccessTokenDue(at(plus(14)), { marginSeconds: 900 }, { obtainedAt: T0, expiresAt: plus(30) })).toBe(false);
    expect(isAccessTokenDue(at(plus(15)), { marginSeconds: 900 }, { obtainedAt: T0, expiresAt: plus(30) })).toBe(true);
    expect(isAccessTokenDue(at(plus(99_999)), { marginSeconds: 900 }, { obtainedAt: T0, expiresAt: null })).toBe(false);
  });

  it('schedules before expiry, and within a day for refresh tokens that die unused', () => {
    const id = '0193a1b2-0000-7000-8000-00000000abcd';
    expect(nextRefreshDueAt(id, { marginSeconds: 900, idleExpiryDays: null }, { obtainedAt: T0, expiresAt: plus(3600) }, at(T0))).toBe(plus(2700));
    expect(nextRefreshDueAt(id, { marginSeconds: 900, idleExpiryDays: null }, { obtainedAt: T0, expiresAt: null }, at(T0))).toBeNull();
    const idle = nextRefreshDueAt(id, { marginSeconds: 900, idleExpiryDays: 30 }, { obtainedAt: T0, expiresAt: plus(30 * 86_400) }, at(T0));
    expect(idle).toBe(nextDailySlot(id, at(T0)).toISOString());
    const wait = Date.parse(idle!) - Date.parse(T0);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(86_400_000);
  });

  it('spreads ten thousand connections linked at once over the day, the same way every time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `0193a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const hours = new Array<number>(24).fill(0);
    for (const id of ids) hours[Math.floor(dailySlotMs(id) / 3_600_000)]! += 1;
    // Uniform would be 417 an hour; no hour gets a burst.
    expect(Math.max(...hours)).toBeLessThan(520);
    expect(Math.min(...hours)).toBeGreaterThan(320);
    expect(dailySlotMs(ids[0]!)).toBe(dailySlotMs(ids[0]!));
    // A day's slot comes once a day: the next one after a refresh at the slot is 24 h later.
    const slot = nextDailySlot(ids[0]!, at(T0));
    expect(nextDailySlot(ids[0]!, slot).getTime() - slot.getTime()).toBe(86_400_000);
  });

  it('backs off transient failures between 30 seconds and an hour', () => {
    expect(transientRetryAt(at(T0), null).toISOString()).toBe(plus(30));
    expect(transientRetryAt(at(plus(600)), T0).toISOString()).toBe(plus(1200));
    expect(transientRetryAt(at(plus(86_400)), T0).toISOString()).toBe(plus(86_400 + 3600));
  });

  it('counts distinct failure days and Deauthorizes on the Nth, forgetting them after a success', () => {
    let state = initialRefreshState({ id: 'c', clientId: 'k', companyId: 'co' }, plus(10), at(T0));
    const fail = (iso: string) => {
      const result = afterTransientFailure(state, at(iso), 'Platform unreachable: timed out', 4);
      state = result.state;
      return result.deauthorize;
    };
    expect(fail(plus(0))).toBe(false);
    expect(fail(plus(60))).toBe(false); // the same day
    expect(state).toMatchObject({ failureDays: 1, failingSince: T0, lastFailureDay: '2026-03-01', lastError: 'Platform unreachable: timed out' });
    expect(fail('2026-03-02T01:00:00.000Z')).toBe(false);
    expect(fail('2026-03-04T01:00:00.000Z')).toBe(false); // a day without failures in between still counts days, not a streak
    expect(state.failureDays).toBe(3);
    expect(fail('2026-03-05T23:00:00.000Z')).toBe(true);

    const recovered = afterSuccessfulRefresh(state, at('2026-03-05T23:30:00.000Z'), plus(1));
    expect(recovered).toMatchObject({ failureDays: 0, failingSince: null, lastFailureDay: null, lastError: null, lastRefreshedAt: '2026-03-05T23:30:00.000Z' });
  });
});
