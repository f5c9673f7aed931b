import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, parseRetryAfter, retryDelayMs } from './proxy-retry.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', NOW)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('waits as asked up to the cap, refuses to wait longer, and backs off when not told', () => {
    expect(retryDelayMs('2', 0, NOW)).toBe(2000);
    expect(retryDelayMs(String(MAX_RETRY_DELAY_MS / 1000), 0, NOW)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs('11', 0, NOW)).toBeUndefined();
    expect([0, 1, 2].map((attempt) => retryDelayMs(undefined, attempt, NOW))).toEqual([250, 500, 1000]);
  });
});
