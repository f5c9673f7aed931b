import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE_SECONDS } from '../../src/domain/webhook-message.js';
import { parseRetryAfterMs, RETRY_AFTER_MAX_EXTENSION_MS, retryDelayMs } from '../../src/jobs/retry-schedule.js';

const noJitter = { random: () => 0.5 };
const NOW = new Date('2024-06-01T12:00:00.000Z');

describe('retry schedule', () => {
  it('follows Codat’s schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', () => {
    const delays = Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1, DEFAULT_RETRY_SCHEDULE_SECONDS, noJitter));
    expect(delays).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, undefined]);
    expect(retryDelayMs(0, DEFAULT_RETRY_SCHEDULE_SECONDS, noJitter)).toBeUndefined();
    expect(retryDelayMs(1, [], noJitter)).toBeUndefined();
  });

  it('jitters by at most ±10 %', () => {
    expect(retryDelayMs(3, DEFAULT_RETRY_SCHEDULE_SECONDS, { random: () => 0 })).toBe(270_000);
    expect(retryDelayMs(3, DEFAULT_RETRY_SCHEDULE_SECONDS, { random: () => 0.999999 })).toBeCloseTo(330_000, -1);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(2, DEFAULT_RETRY_SCHEDULE_SECONDS)!;
      expect(delay).toBeGreaterThanOrEqual(4_500);
      expect(delay).toBeLessThanOrEqual(5_500);
    }
  });

  it('honours Retry-After within [scheduled delay, scheduled delay + 1 h]', () => {
    const schedule = DEFAULT_RETRY_SCHEDULE_SECONDS;
    // Later than scheduled, within the bound: honoured.
    expect(retryDelayMs(2, schedule, { ...noJitter, retryAfter: '120', now: NOW })).toBe(120_000);
    // Sooner than scheduled: the schedule wins (a receiver cannot make us retry faster).
    expect(retryDelayMs(3, schedule, { ...noJitter, retryAfter: '1', now: NOW })).toBe(300_000);
    // Too far out: clamped to an hour past the scheduled delay.
    expect(retryDelayMs(2, schedule, { ...noJitter, retryAfter: '86400', now: NOW })).toBe(5_000 + RETRY_AFTER_MAX_EXTENSION_MS);
    // The HTTP-date form, relative to when the response arrived.
    expect(retryDelayMs(1, schedule, { ...noJitter, retryAfter: 'Sat, 01 Jun 2024 12:10:00 GMT', now: NOW })).toBe(600_000);
    // Garbage is ignored.
    expect(retryDelayMs(2, schedule, { ...noJitter, retryAfter: 'soon-ish', now: NOW })).toBe(5_000);
    // Exhaustion is not undone by Retry-After.
    expect(retryDelayMs(9, schedule, { ...noJitter, retryAfter: '10', now: NOW })).toBeUndefined();
  });

  it('parses both Retry-After forms', () => {
    expect(parseRetryAfterMs('0', NOW)).toBe(0);
    expect(parseRetryAfterMs(' 30 ', NOW)).toBe(30_000);
    expect(parseRetryAfterMs('Sat, 01 Jun 2024 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfterMs('Sat, 01 Jun 2024 11:00:00 GMT', NOW)).toBe(0); // in the past
    expect(parseRetryAfterMs('-5', NOW)).toBeUndefined();
    expect(parseRetryAfterMs('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfterMs('', NOW)).toBeUndefined();
    expect(parseRetryAfterMs(null, NOW)).toBeUndefined();
    expect(parseRetryAfterMs('tomorrow', NOW)).toBeUndefined();
  });
});
