/**
 * IdempotencyKeyRepository: a key is claimed once per client (also when claims race), the answer
 * is stored only by the claim that holds the key and only in the transaction that commits it,
 * lapsed claims and old answers can be taken over, and pruning removes what expired.
 */
import { expect, it } from 'vitest';
import type { IdempotencyRecord } from '../../../src/domain/idempotency.js';
import { at, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

const claimAt = (clientId: string, key: string, minute: number, overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  clientId,
  key,
  requestHash: 'hash-a',
  status: 'in-progress',
  responseStatus: null,
  responseBody: null,
  created: at(minute),
  expires: at(minute + 1),
  ...overrides,
});

describeContract('idempotency keys', (t) => {
  it('claims a key once; a second claim sees the first, in progress', async () => {
    const client = await t.seedClient();
    expect(await t.store.idempotencyKeys.claim(claimAt(client.id, 'k1', 0), at(0))).toEqual({ claimed: true });
    const second = await t.store.idempotencyKeys.claim(claimAt(client.id, 'k1', 0, { requestHash: 'hash-b' }), at(0));
    expect(second).toEqual({ claimed: false, existing: claimAt(client.id, 'k1', 0) });
  });

  it('keeps the keys of each client apart', async () => {
    const mine = await t.seedClient();
    const theirs = await t.seedClient();
    expect(await t.store.idempotencyKeys.claim(claimAt(mine.id, 'shared', 0), at(0))).toEqual({ claimed: true });
    expect(await t.store.idempotencyKeys.claim(claimAt(theirs.id, 'shared', 0), at(0))).toEqual({ claimed: true });
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const client = await t.seedClient();
    const key = newTestId();
    const results = await Promise.all(Array.from({ length: 10 }, () => t.store.idempotencyKeys.claim(claimAt(client.id, key, 0), at(0))));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });

  it('stores the answer in the transaction of the write, and a rolled-back one leaves the claim in progress', async () => {
    const client = await t.seedClient();
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'k2', 0), at(0));
    await expect(
      t.store.transaction(async (tx) => {
        expect(await tx.idempotencyKeys.complete(client.id, 'k2', at(0), { status: 200, body: '{"n":1}' }, at(1440))).toBe(true);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const pending = await t.store.idempotencyKeys.claim(claimAt(client.id, 'k2', 0), at(0));
    expect(pending.claimed === false && pending.existing.status).toBe('in-progress');

    await t.store.transaction((tx) => tx.idempotencyKeys.complete(client.id, 'k2', at(0), { status: 201, body: '{"n":2}' }, at(1440)));
    const done = await t.store.idempotencyKeys.claim(claimAt(client.id, 'k2', 5), at(5));
    expect(done).toEqual({ claimed: false, existing: claimAt(client.id, 'k2', 0, { status: 'done', responseStatus: 201, responseBody: '{"n":2}', expires: at(1440) }) });
  });

  it('takes over a lapsed claim, after which the old claim can neither complete nor release it', async () => {
    const client = await t.seedClient();
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'k3', 0), at(0));
    expect(await t.store.idempotencyKeys.claim(claimAt(client.id, 'k3', 2, { requestHash: 'hash-b' }), at(2))).toEqual({ claimed: true });
    expect(await t.store.idempotencyKeys.complete(client.id, 'k3', at(0), { status: 200, body: 'old' }, at(1440))).toBe(false);
    await t.store.idempotencyKeys.release(client.id, 'k3', at(0));
    const held = await t.store.idempotencyKeys.claim(claimAt(client.id, 'k3', 2), at(2));
    expect(held.claimed === false && held.existing.requestHash).toBe('hash-b');
  });

  it('frees a released claim for the next request', async () => {
    const client = await t.seedClient();
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'k4', 0), at(0));
    await t.store.idempotencyKeys.release(client.id, 'k4', at(0));
    expect(await t.store.idempotencyKeys.claim(claimAt(client.id, 'k4', 0), at(0))).toEqual({ claimed: true });
  });

  it('frees every in-progress claim at once (a restarted sole owner), keeping stored answers', async () => {
    const client = await t.seedClient();
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'running', 0, { expires: at(100_000) }), at(0));
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'answered', 0, { expires: at(100_000) }), at(0));
    await t.store.idempotencyKeys.complete(client.id, 'answered', at(0), { status: 200, body: '{}' }, at(100_000));
    expect(await t.store.idempotencyKeys.releaseAllClaims()).toBeGreaterThanOrEqual(1);
    expect(await t.store.idempotencyKeys.claim(claimAt(client.id, 'running', 1), at(1))).toEqual({ claimed: true });
    expect((await t.store.idempotencyKeys.claim(claimAt(client.id, 'answered', 1), at(1))).claimed).toBe(false);
  });

  it('prunes what expired and keeps the rest', async () => {
    const client = await t.seedClient();
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'old', 0, { expires: at(10) }), at(0));
    await t.store.idempotencyKeys.claim(claimAt(client.id, 'new', 0, { expires: at(100_000) }), at(0));
    expect(await t.store.idempotencyKeys.prune(at(50))).toBeGreaterThanOrEqual(1);
    expect(await t.store.idempotencyKeys.claim(claimAt(client.id, 'old', 50, { expires: at(51) }), at(50))).toEqual({ claimed: true });
    expect((await t.store.idempotencyKeys.claim(claimAt(client.id, 'new', 50), at(50))).claimed).toBe(false);
  });
});
