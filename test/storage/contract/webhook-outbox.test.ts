/**
 * The WebhookOutboxRepository contract (src/storage/ports.ts), on SQLite and PostgreSQL: what
 * a claim returns, how leases expire, what resend/recover/prune/nextDueAt do. Claims are global
 * (one worker serves every client), so each test starts from empty webhook tables.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import type { WebhookMessage } from '../../../src/domain/webhook-message.js';
import { TEST_DIALECTS } from '../../support/databases.js';
import { at, openWebhookTestDb, type WebhookTestDb } from '../../webhooks/support.js';

describe.each(TEST_DIALECTS)('webhook outbox storage contract on %s', (dialect) => {
  let t: WebhookTestDb;
  let client: Client;
  let other: Client;

  beforeAll(async () => {
    t = await openWebhookTestDb(dialect);
    client = await t.seedClient();
    other = await t.seedClient();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const ids = (claims: Array<{ message: WebhookMessage }>) => claims.map((c) => c.message.id);

  it('stores events and messages and reads them back, scoped by client', async () => {
    const consumer = await t.seedConsumer(client.id);
    const message = await t.seedMessage(consumer, { body: '{"exact": "bytes ✓"}' });
    const { body, ...stored } = message;

    expect(await t.store.webhookOutbox.findMessage(client.id, message.id)).toEqual(stored);
    expect(await t.store.webhookOutbox.findMessage(other.id, message.id)).toBeUndefined();
    expect(await t.store.webhookOutbox.findEventBody(message.eventId)).toBe('{"exact": "bytes ✓"}');
    expect(await t.store.webhookOutbox.findEventBody('no-such-event')).toBeUndefined();
    await t.store.webhookOutbox.insertMessages([]); // a no-op, not an error
  });

  it('claims due messages of enabled consumers, oldest due first, with body and consumer', async () => {
    const consumer = await t.seedConsumer(client.id, { url: 'https://a.example/hook' });
    const disabled = await t.seedConsumer(client.id, { disabled: true });
    const late = await t.seedMessage(consumer, { nextAttemptAt: at(20) });
    const early = await t.seedMessage(consumer, { nextAttemptAt: at(10), status: 'Attempting', attemptCount: 2 });
    await t.seedMessage(consumer, { nextAttemptAt: at(31) }); // not due yet
    await t.seedMessage(consumer, { status: 'Success', nextAttemptAt: null });
    await t.seedMessage(consumer, { status: 'Failure', nextAttemptAt: null });
    await t.seedMessage(disabled, { nextAttemptAt: at(0) });

    const claims = await t.store.webhookOutbox.claimDue(at(30), at(90), 10);

    expect(ids(claims)).toEqual([early.id, late.id]);
    expect(claims[0]!.body).toBe(early.body);
    expect(claims[0]!.message).toMatchObject({ status: 'Attempting', attemptCount: 2, nextAttemptAt: at(10) });
    expect(claims[0]!.consumer).toMatchObject({ id: consumer.id, url: 'https://a.example/hook', disabled: false });
    expect(claims[0]!.consumer.secretSealed).toBe(consumer.secretSealed);
  });

  it("never takes a disabled or deleted consumer's messages, so they cannot crowd out the due ones", async () => {
    const consumer = await t.seedConsumer(client.id);
    const disabled = await t.seedConsumer(client.id, { disabled: true });
    const deleted = await t.seedConsumer(client.id);
    await t.seedMessage(disabled, { nextAttemptAt: at(0) });
    await t.seedMessage(deleted, { nextAttemptAt: at(1) });
    await t.store.webhookConsumers.delete(client.id, deleted.id);
    const due = await t.seedMessage(consumer, { nextAttemptAt: at(2) });

    // A batch of one: the two older messages must not fill it.
    expect(ids(await t.store.webhookOutbox.claimDue(at(30), at(90), 1))).toEqual([due.id]);
  });

  it('respects the limit and never hands out a leased message until the lease expires', async () => {
    const consumer = await t.seedConsumer(client.id);
    for (let i = 0; i < 5; i++) await t.seedMessage(consumer, { nextAttemptAt: at(i) });

    const first = await t.store.webhookOutbox.claimDue(at(10), at(70), 3);
    const second = await t.store.webhookOutbox.claimDue(at(10), at(70), 3);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(2);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(5);
    expect(await t.store.webhookOutbox.claimDue(at(69), at(129), 10)).toEqual([]);

    // The worker holding `first` died: at the lease's end the same messages are claimable again.
    const again = await t.store.webhookOutbox.claimDue(at(70), at(130), 10);
    expect(ids(again).sort()).toEqual([...ids(first), ...ids(second)].sort());
    expect(await t.store.webhookOutbox.claimDue(at(100), at(160), 0)).toEqual([]);
  });

  it('hands back only the leases it is given', async () => {
    const consumer = await t.seedConsumer(client.id);
    for (let i = 0; i < 3; i++) await t.seedMessage(consumer, { nextAttemptAt: at(i) });
    const claimed = ids(await t.store.webhookOutbox.claimDue(at(10), at(70), 3));

    await t.store.webhookOutbox.releaseLeases(claimed.slice(0, 2));
    expect(ids(await t.store.webhookOutbox.claimDue(at(11), at(71), 10)).sort()).toEqual(claimed.slice(0, 2).sort());
  });

  it('releaseAllLeases clears every live lease (a sole owner restarting) and says how many', async () => {
    const consumer = await t.seedConsumer(client.id);
    for (let i = 0; i < 3; i++) await t.seedMessage(consumer, { nextAttemptAt: at(i) });
    expect(await t.store.webhookOutbox.claimDue(at(10), at(70), 2)).toHaveLength(2);
    expect(await t.store.webhookOutbox.claimDue(at(11), at(71), 10)).toHaveLength(1);

    expect(await t.store.webhookOutbox.releaseAllLeases()).toBe(3);
    expect(await t.store.webhookOutbox.claimDue(at(12), at(72), 10)).toHaveLength(3);
  });

  it('stops delivering to a deleted consumer; prune removes its messages', async () => {
    const consumer = await t.seedConsumer(client.id);
    const message = await t.seedMessage(consumer);
    expect(await t.store.webhookConsumers.delete(client.id, consumer.id)).toBe(true);

    expect(await t.store.webhookOutbox.claimDue(at(10), at(70), 10)).toEqual([]);
    expect(await t.store.webhookOutbox.nextDueAt()).toBeUndefined();
    expect(await t.store.webhookOutbox.prune(at(0))).toBe(0); // kept for the retention period
    expect(await t.store.webhookOutbox.prune(at(1))).toBe(1);
    expect(await t.store.webhookOutbox.findMessage(client.id, message.id)).toBeUndefined();
  });

  it('records attempts and releases the lease on update', async () => {
    const consumer = await t.seedConsumer(client.id);
    const message = await t.seedMessage(consumer);
    const [claim] = await t.store.webhookOutbox.claimDue(at(0), at(60), 1);
    expect(claim?.message.id).toBe(message.id);

    const failed = { id: 'atmpt_1', clientId: client.id, messageId: message.id, attemptedAt: at(1), statusCode: 500, latencyMs: 12, responseSnippet: 'boom', succeeded: false };
    const refused = { ...failed, id: 'atmpt_2', attemptedAt: at(2), statusCode: null, latencyMs: 0, responseSnippet: 'Destination refused' };
    await t.store.webhookOutbox.recordAttempts([refused, failed]);
    const updated: WebhookMessage = { ...claim!.message, status: 'Attempting', attemptCount: 1, lastAttemptAt: at(1), nextAttemptAt: at(6) };
    await t.store.webhookOutbox.updateAfterAttempts([updated]);

    expect(await t.store.webhookOutbox.listAttempts(client.id, message.id)).toEqual([failed, refused]);
    expect(await t.store.webhookOutbox.listAttempts(other.id, message.id)).toEqual([]);
    expect(await t.store.webhookOutbox.findMessage(client.id, message.id)).toEqual(updated);
    // Released: due again at its new time although the old lease (at(60)) has not expired.
    expect(ids(await t.store.webhookOutbox.claimDue(at(6), at(66), 10))).toEqual([message.id]);
  });

  it('lists a consumer’s messages newest first, filtered by status, with the total', async () => {
    const consumer = await t.seedConsumer(client.id);
    const otherConsumer = await t.seedConsumer(client.id);
    const a = await t.seedMessage(consumer, { created: at(1), status: 'Success', nextAttemptAt: null });
    const b = await t.seedMessage(consumer, { created: at(2), status: 'Failure', nextAttemptAt: null });
    const c = await t.seedMessage(consumer, { created: at(3), status: 'Success', nextAttemptAt: null });
    await t.seedMessage(otherConsumer, { created: at(4) });

    const page = await t.store.webhookOutbox.listMessages(client.id, consumer.id, { offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((m) => m.id)).toEqual([c.id, b.id]);
    const rest = await t.store.webhookOutbox.listMessages(client.id, consumer.id, { offset: 2, limit: 2 });
    expect(rest.items.map((m) => m.id)).toEqual([a.id]);
    const successes = await t.store.webhookOutbox.listMessages(client.id, consumer.id, { status: 'Success', offset: 0, limit: 10 });
    expect(successes).toEqual({ total: 2, items: [expect.objectContaining({ id: c.id }), expect.objectContaining({ id: a.id })] });
    expect(await t.store.webhookOutbox.listMessages(other.id, consumer.id, { offset: 0, limit: 10 })).toEqual({ total: 0, items: [] });
  });

  it('resend makes one message due now, keeping its attempt count', async () => {
    const consumer = await t.seedConsumer(client.id);
    const failed = await t.seedMessage(consumer, { status: 'Failure', attemptCount: 9, nextAttemptAt: null, lastAttemptAt: at(5) });
    const neverTried = await t.seedMessage(consumer, { status: 'Sending', nextAttemptAt: at(500) });
    await t.store.webhookOutbox.claimDue(at(500), at(560), 10); // leased by a worker

    expect(await t.store.webhookOutbox.resend(client.id, failed.id, at(100))).toBe(true);
    expect(await t.store.webhookOutbox.resend(client.id, neverTried.id, at(100))).toBe(true);
    expect(await t.store.webhookOutbox.resend(other.id, failed.id, at(100))).toBe(false);
    expect(await t.store.webhookOutbox.resend(client.id, 'msg_unknown', at(100))).toBe(false);

    expect(await t.store.webhookOutbox.findMessage(client.id, failed.id)).toMatchObject({ status: 'Attempting', attemptCount: 9, nextAttemptAt: at(100) });
    expect(await t.store.webhookOutbox.findMessage(client.id, neverTried.id)).toMatchObject({ status: 'Sending', attemptCount: 0, nextAttemptAt: at(100) });
    // The lease was cleared too.
    expect(ids(await t.store.webhookOutbox.claimDue(at(100), at(160), 10)).sort()).toEqual([failed.id, neverTried.id].sort());
  });

  it('recoverFailed makes a consumer’s failed messages since a date due again', async () => {
    const consumer = await t.seedConsumer(client.id);
    const otherConsumer = await t.seedConsumer(client.id);
    const old = await t.seedMessage(consumer, { created: at(1), status: 'Failure', attemptCount: 9, nextAttemptAt: null });
    const recent = await t.seedMessage(consumer, { created: at(10), status: 'Failure', attemptCount: 9, nextAttemptAt: null });
    const ok = await t.seedMessage(consumer, { created: at(11), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    const elsewhere = await t.seedMessage(otherConsumer, { created: at(12), status: 'Failure', attemptCount: 9, nextAttemptAt: null });

    expect(await t.store.webhookOutbox.recoverFailed(other.id, consumer.id, at(0), at(100))).toBe(0);
    expect(await t.store.webhookOutbox.recoverFailed(client.id, consumer.id, at(10), at(100))).toBe(1);

    expect(await t.store.webhookOutbox.findMessage(client.id, recent.id)).toMatchObject({ status: 'Attempting', attemptCount: 9, nextAttemptAt: at(100) });
    expect((await t.store.webhookOutbox.findMessage(client.id, old.id))?.status).toBe('Failure');
    expect((await t.store.webhookOutbox.findMessage(client.id, ok.id))?.status).toBe('Success');
    expect((await t.store.webhookOutbox.findMessage(client.id, elsewhere.id))?.status).toBe('Failure');
  });

  it('prune deletes old attempts, messages and unreferenced events', async () => {
    const consumer = await t.seedConsumer(client.id);
    const old = await t.seedMessage(consumer, { created: at(0), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    const kept = await t.seedMessage(consumer, { created: at(100), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    // An old event still referenced by a new message (e.g. a replay) must survive.
    const replay = await t.seedMessage(consumer, { created: at(200), eventId: (await t.seedMessage(consumer, { created: at(1) })).eventId });
    const attempt = (id: string, messageId: string, seconds: number) => ({
      id, clientId: client.id, messageId, attemptedAt: at(seconds), statusCode: 200, latencyMs: 1, responseSnippet: '', succeeded: true,
    });
    await t.store.webhookOutbox.recordAttempts([attempt('atmpt_old', old.id, 0)]);
    await t.store.webhookOutbox.recordAttempts([attempt('atmpt_kept', kept.id, 100)]);

    expect(await t.store.webhookOutbox.prune(at(50))).toBe(2); // `old` and the at(1) message

    expect(await t.store.webhookOutbox.findMessage(client.id, old.id)).toBeUndefined();
    expect(await t.store.webhookOutbox.findEventBody(old.eventId)).toBeUndefined();
    expect(await t.store.webhookOutbox.listAttempts(client.id, old.id)).toEqual([]);
    expect(await t.store.webhookOutbox.findMessage(client.id, kept.id)).toBeDefined();
    expect(await t.store.webhookOutbox.listAttempts(client.id, kept.id)).toHaveLength(1);
    expect(await t.store.webhookOutbox.findEventBody(replay.eventId)).toBeDefined();
    expect(await t.store.webhookOutbox.prune(at(50))).toBe(0);
  });

  it('nextDueAt is the earliest claimable time of a pending message of an enabled consumer', async () => {
    expect(await t.store.webhookOutbox.nextDueAt()).toBeUndefined();
    const consumer = await t.seedConsumer(client.id);
    const disabled = await t.seedConsumer(client.id, { disabled: true });
    await t.seedMessage(disabled, { nextAttemptAt: at(1) });
    await t.seedMessage(consumer, { status: 'Failure', nextAttemptAt: null });
    expect(await t.store.webhookOutbox.nextDueAt()).toBeUndefined();

    await t.seedMessage(consumer, { nextAttemptAt: at(30) });
    const soon = await t.seedMessage(consumer, { nextAttemptAt: at(10) });
    expect(await t.store.webhookOutbox.nextDueAt()).toBe(at(10));

    // Leased until at(70): not claimable before then, so the at(30) message comes first.
    expect(ids(await t.store.webhookOutbox.claimDue(at(10), at(70), 1))).toEqual([soon.id]);
    expect(await t.store.webhookOutbox.nextDueAt()).toBe(at(30));
  });

  it('concurrent claimers get disjoint sets', async () => {
    const consumer = await t.seedConsumer(client.id);
    for (let i = 0; i < 40; i++) await t.seedMessage(consumer, { nextAttemptAt: at(i % 7) });
    const results = await Promise.all(Array.from({ length: 4 }, () => t.store.webhookOutbox.claimDue(at(10), at(70), 15)));
    const all = results.flatMap(ids);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(40);
    expect(all.length).toBeGreaterThanOrEqual(15);
  });

  // Only PostgreSQL has row locks to skip (one process owns a SQLite file); registered only there,
  // so no test is reported as skipped.
  const postgresOnly = dialect === 'postgres' ? it : () => undefined;
  postgresOnly('skips rows another worker is claiming instead of waiting (SKIP LOCKED)', async () => {
    const consumer = await t.seedConsumer(client.id);
    for (let i = 0; i < 10; i++) await t.seedMessage(consumer, { nextAttemptAt: at(i) });
    await t.store.transaction(async (trx) => {
      // The first worker's claim is not committed yet, so its rows are still row-locked.
      const first = await trx.webhookOutbox.claimDue(at(10), at(70), 4);
      // Without SKIP LOCKED this would block on those locks until the test timed out.
      const second = await t.store.webhookOutbox.claimDue(at(10), at(70), 4);
      expect(first).toHaveLength(4);
      expect(second).toHaveLength(4);
      expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    });
  });
});
