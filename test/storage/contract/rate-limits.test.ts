/**
 * RateLimitRepository: a fixed-window counter per bucket. Each hit counts once, also when hits on
 * one bucket arrive at the same time (one upsert per hit), and a new window starts again at one.
 */
import { expect, it } from 'vitest';
import { at, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('rate limits', (t) => {
  it('counts hits within a window and starts again at one in the next window', async () => {
    const bucket = `link:${newTestId()}`;
    expect(await t.store.rateLimits.hit(bucket, at(0))).toBe(1);
    expect(await t.store.rateLimits.hit(bucket, at(0))).toBe(2);
    expect(await t.store.rateLimits.hit(bucket, at(0))).toBe(3);

    expect(await t.store.rateLimits.hit(bucket, at(1))).toBe(1);
    expect(await t.store.rateLimits.hit(bucket, at(1))).toBe(2);
  });

  it('keeps buckets apart', async () => {
    const mine = `ip:${newTestId()}`;
    const theirs = `ip:${newTestId()}`;
    await t.store.rateLimits.hit(mine, at(0));
    await t.store.rateLimits.hit(mine, at(0));
    expect(await t.store.rateLimits.hit(theirs, at(0))).toBe(1);
    expect(await t.store.rateLimits.hit(mine, at(0))).toBe(3);
  });

  it('loses no hit when many arrive at once', async () => {
    const bucket = `burst:${newTestId()}`;
    const counts = await Promise.all(Array.from({ length: 12 }, () => t.store.rateLimits.hit(bucket, at(0))));
    // Each call reads the count after its own increment, so none can see less than one or more than all.
    expect(Math.max(...counts)).toBe(12);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(await t.store.rateLimits.hit(bucket, at(0))).toBe(13);
  });

  it('deletes buckets whose window started before the cut-off, in bounded batches, and keeps current ones', async () => {
    const cutOff = at(-99_000); // far before every other test's windows
    const [a, b, c, current] = [1, 2, 3, 4].map((i) => `prune-${i}:${newTestId()}`);
    for (const bucket of [a, b, c]) await t.store.rateLimits.hit(bucket!, at(-100_000));
    await t.store.rateLimits.hit(current!, at(-100_000));
    await t.store.rateLimits.hit(current!, cutOff); // a new window: this bucket is in use again

    expect(await t.store.rateLimits.deleteWindowsBefore(cutOff, 2)).toBe(2);
    expect(await t.store.rateLimits.deleteWindowsBefore(cutOff, 2)).toBe(1);
    expect(await t.store.rateLimits.deleteWindowsBefore(cutOff, 2)).toBe(0);
    // A deleted bucket starts again at one; the kept one goes on counting its window.
    expect(await t.store.rateLimits.hit(a!, cutOff)).toBe(1);
    expect(await t.store.rateLimits.hit(current!, cutOff)).toBe(2);
  });
});
