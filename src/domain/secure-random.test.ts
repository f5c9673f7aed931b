import { describe, expect, it } from 'vitest';
import { createSecureRandom } from './secure-random.js';

describe('secure random pool', () => {
  it('never hands out the same bytes twice, across refills', () => {
    const random = createSecureRandom();
    const seen = new Set<string>();
    // 3,000 × 16 bytes crosses the 8 KB pool's refill five times.
    for (let i = 0; i < 3000; i++) seen.add(random.bytes(16).toString('hex'));
    expect(seen.size).toBe(3000);
  });

  it('returns copies: changing one does not change the next', () => {
    const random = createSecureRandom();
    const first = random.bytes(32);
    first.fill(0);
    expect(random.bytes(32).equals(Buffer.alloc(32))).toBe(false);
  });

  it('serves sizes larger than its slices directly, and exact sizes always', () => {
    const random = createSecureRandom();
    for (const size of [1, 12, 24, 32, 1024, 5000, 20000]) expect(random.bytes(size)).toHaveLength(size);
  });

  it('looks uniform: every byte value appears in 64 KB', () => {
    const random = createSecureRandom();
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2048; i++) for (const byte of random.bytes(32)) counts[byte]!++;
    expect(Math.min(...counts)).toBeGreaterThan(150); // expected 256 each
  });
});
