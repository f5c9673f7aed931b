/**
 * The delivery worker as a running job (harness: ./worker-harness.ts): leases that survive a
 * dying worker, running in the background (wake, stop), bounded concurrency, handing back unsent
 * claims on stop, and pruning old data.
 */
import { describe, expect, it } from 'vitest';
import type { HttpSender } from '../../src/outbound/http-sender.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { at } from './support.js';
import { advance, DAY, eventually, nowIso, useWorkerHarness } from './worker-harness.js';

describe.each(TEST_DIALECTS)('webhook delivery worker running on %s', (dialect) => {
  const h = useWorkerHarness(dialect);
  const { worker, endpoint, messageOf } = h;

  it('loses nothing when a worker dies: after the lease the same message is sent again', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await h.t.seedMessage(consumer);

    // Worker A claims and dies before sending.
    expect(await h.t.store.webhookOutbox.claimDue(nowIso(), at(60), 10)).toHaveLength(1);
    // Worker B dies after the receiver got the request but before recording the outcome.
    const dying = { send: async (...args: Parameters<HttpSender['send']>) => (await h.sender.send(...args), Promise.reject(new Error('killed'))) };
    const b = worker({ sender: dying, leaseMs: 60_000 });
    expect(await b.runOnce()).toBe(0); // A's lease still holds
    advance(60);
    expect(await b.runOnce()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(await messageOf(message.id)).toMatchObject({ status: 'Sending', attemptCount: 0 });

    // Worker C, after B's lease: delivered again, with the same webhook-id for de-duplication.
    expect(await worker().runOnce()).toBe(0);
    advance(60);
    expect(await worker().runOnce()).toBe(1);
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([message.id, message.id]);
    expect(await messageOf(message.id)).toMatchObject({ status: 'Success', attemptCount: 1 });
  });

  it('runs in the background: wake() delivers at once, stop() lets in-flight attempts finish', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond((request) => ({ status: request.verified ? 200 : 401, delayMs: 150 }));
    const w = worker({ idlePollMs: 60_000 }); // only wake() can make it look again soon
    w.start();
    w.start(); // idempotent
    await new Promise((resolve) => setTimeout(resolve, 50)); // let it go idle

    const message = await h.t.seedMessage(consumer);
    w.wake();
    await eventually(() => receiver.requests.length === 1);
    await w.stop(); // the reply is still 150 ms away
    expect(await messageOf(message.id)).toMatchObject({ status: 'Success', attemptCount: 1 });
  });

  it('delivers concurrently, never more than `concurrency` at a time', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 200, delayMs: 60 }));
    const messages = [];
    for (let i = 0; i < 6; i++) messages.push(await h.t.seedMessage(consumer));

    expect(await worker({ concurrency: 2 }).runOnce()).toBe(6);
    expect(receiver.maxConcurrent).toBe(2);

    for (let i = 0; i < 6; i++) messages.push(await h.t.seedMessage(consumer));
    const background = worker({ concurrency: 3, batchSize: 100 });
    background.start();
    await eventually(async () => (await h.t.store.webhookOutbox.listMessages(h.client.id, consumer.id, { status: 'Success', offset: 0, limit: 100 })).total === 12);
    await background.stop();
    expect(receiver.maxConcurrent).toBe(3);
  });

  it('claims up to `concurrency` more while every slot is busy, and hands back the unsent ones when stopped', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 200, delayMs: 150 }));
    for (let i = 0; i < 8; i++) await h.t.seedMessage(consumer);
    const leased = async () =>
      Number((await h.t.database.db.selectFrom('webhook_messages').select((eb) => eb.fn.countAll().as('n')).where('locked_until', 'is not', null).executeTakeFirstOrThrow()).n);
    const succeeded = async () => (await h.t.store.webhookOutbox.listMessages(h.client.id, consumer.id, { status: 'Success', offset: 0, limit: 100 })).total;

    const background = worker({ concurrency: 2, batchSize: 100 });
    background.start();
    // Two sending, two claimed and waiting: the next claim is ready before a slot frees up.
    await eventually(async () => (await leased()) === 4);
    expect(receiver.requests.length).toBeLessThanOrEqual(2);
    await background.stop();
    expect(receiver.maxConcurrent).toBe(2);
    // Nothing stays leased: what was sent is recorded, what waited is free for the next worker.
    expect(await leased()).toBe(0);
    expect(await succeeded()).toBe(receiver.requests.length);

    const next = worker({ concurrency: 8, batchSize: 100 });
    next.start();
    await eventually(async () => (await succeeded()) === 8);
    await next.stop();
  });

  it('prunes data older than the retention period', async () => {
    const { consumer } = await endpoint();
    const old = await h.t.seedMessage(consumer, { created: at(-3 * DAY), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    const recent = await h.t.seedMessage(consumer, { created: at(-DAY / 2), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    const w = worker({ retentionDays: 1 });
    w.start();
    await eventually(async () => (await messageOf(old.id)) === undefined);
    await w.stop();
    expect(await messageOf(recent.id)).toBeDefined();
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: 'pruned old webhook messages', deleted: 1 }));
  });
});
