/**
 * The delivery worker end to end with real parts: a real database (both dialects), real sealed
 * secrets, the real HTTP sender, and receivers that verify with svix's `Webhook` unchanged.
 * Only `Date` is faked: the worker's clock and svix's 5-minute timestamp check read the same
 * time, so tests jump hours or days with `advance()` and never sleep through a schedule.
 */
import { pino } from 'pino';
import { Webhook } from 'svix';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import type { Client } from '../../src/domain/client.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from '../../src/webhooks/delivery-worker.js';
import type { HttpSender } from '../../src/outbound/http-sender.js';
import { createWebhookSender } from '../../src/webhooks/webhook-sender.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { at, newSecret, openWebhookTestDb, startReceiver, T0, type TestReceiver, type WebhookTestDb } from './support.js';

const DAY = 24 * 3600;
/** The worker's clock is the (faked) system time, which svix also reads. */
const clock: Clock = { now: () => new Date() };
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
const nowIso = () => new Date().toISOString();

/** Polls (in real time) until `check` passes. */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(TEST_DIALECTS)('webhook delivery worker on %s', (dialect) => {
  let t: WebhookTestDb;
  let client: Client;
  let sender: HttpSender;
  let strictSender: HttpSender;
  let logs: Array<Record<string, unknown>>;
  const receivers: TestReceiver[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) });

  beforeAll(async () => {
    t = await openWebhookTestDb(dialect);
    client = await t.seedClient();
    // Tests deliver to 127.0.0.1, so loopback is allowed explicitly (except in the SSRF test).
    sender = createWebhookSender({ allowPrivateDestinations: true, timeoutMs: 300 });
    strictSender = createWebhookSender({ allowPrivateDestinations: false, timeoutMs: 300 });
  });
  afterAll(async () => {
    sender?.close();
    strictSender?.close();
    await t?.close();
  });
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    logs = [];
    await t.reset();
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const receiver of receivers.splice(0)) await receiver.close();
  });

  const worker = (overrides: Partial<DeliveryWorkerOptions> = {}) =>
    createDeliveryWorker({ store: t.store, secrets: t.secrets, clock, log, sender, random: () => 0.5, ...overrides });

  /** A receiver and a consumer pointing at it, sharing a signing secret. */
  async function endpoint(overrides: Parameters<WebhookTestDb['seedConsumer']>[1] = {}) {
    const secret = overrides.secret ?? newSecret();
    const receiver = await startReceiver(secret);
    receivers.push(receiver);
    const consumer = await t.seedConsumer(client.id, { url: receiver.url, ...overrides, secret });
    return { receiver, consumer };
  }

  const messageOf = (id: string) => t.store.webhookOutbox.findMessage(client.id, id);
  const attemptsOf = (id: string) => t.store.webhookOutbox.listAttempts(client.id, id);
  const consumerOf = (id: string) => t.store.webhookConsumers.findById(client.id, id);

  it('delivers a message signed so that svix verifies it, and records the attempt', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await t.seedMessage(consumer);

    expect(await worker().runOnce()).toBe(1);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.verifyError).toBeNull();
    expect(request!.body).toBe(message.body);
    expect(request!.headers).toMatchObject({
      'webhook-id': message.id,
      'webhook-timestamp': String(T0 / 1000),
      'content-type': 'application/json',
      'user-agent': 'Doorway-Webhooks/1',
    });
    expect(await messageOf(message.id)).toMatchObject({ status: 'Success', attemptCount: 1, nextAttemptAt: null, lastAttemptAt: at(0) });
    expect(await attemptsOf(message.id)).toEqual([
      expect.objectContaining({ clientId: client.id, attemptedAt: at(0), statusCode: 204, responseSnippet: '', succeeded: true }),
    ]);
    expect((await attemptsOf(message.id))[0]!.id).toMatch(/^atmpt_/);
    expect(await worker().runOnce()).toBe(0);
  });

  it('retries after 500s on the schedule, with the same webhook-id, until a 2xx', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await t.seedMessage(consumer);
    receiver.respond((request) => (receiver.requests.length <= 2 ? { status: 500, body: 'database down' } : { status: request.verified ? 200 : 401 }));
    const w = worker();

    await w.runOnce(); // fails; the first retry is immediate
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 1, nextAttemptAt: at(0) });
    expect((await consumerOf(consumer.id))?.failingSince).toBe(at(0));

    await w.runOnce(); // fails; the next retry is 5 s later
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 2, nextAttemptAt: at(5) });
    expect(await w.runOnce()).toBe(0); // not due yet

    advance(5);
    expect(await w.runOnce()).toBe(1);
    expect(await messageOf(message.id)).toMatchObject({ status: 'Success', attemptCount: 3, nextAttemptAt: null, lastAttemptAt: at(5) });
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([message.id, message.id, message.id]);
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    expect(receiver.requests[2]!.headers['webhook-timestamp']).toBe(String(T0 / 1000 + 5)); // the attempt's own time
    expect((await attemptsOf(message.id)).map((a) => [a.statusCode, a.succeeded, a.responseSnippet])).toEqual([
      [500, false, 'database down'],
      [500, false, 'database down'],
      [200, true, ''],
    ]);
    expect((await consumerOf(consumer.id))?.failingSince).toBeNull(); // any success clears it
  });

  it('times out a receiver that never answers, and schedules a retry', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => 'hang');
    const message = await t.seedMessage(consumer);

    await worker().runOnce();

    const [attempt] = await attemptsOf(message.id);
    expect(attempt).toMatchObject({ statusCode: null, responseSnippet: 'Timed out after 300 ms', succeeded: false });
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 1 });
  });

  it('honours Retry-After, within an hour past the schedule', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await t.seedMessage(consumer);
    const w = worker();

    receiver.respond(() => ({ status: 503, headers: { 'Retry-After': '120' } }));
    await w.runOnce(); // scheduled: immediately; asked: 2 minutes
    expect((await messageOf(message.id))?.nextAttemptAt).toBe(at(120));

    advance(120);
    receiver.respond(() => ({ status: 429, headers: { 'Retry-After': String(7 * DAY) } }));
    await w.runOnce(); // scheduled: 5 s; asked: a week; granted: 5 s + 1 h
    expect((await messageOf(message.id))?.nextAttemptAt).toBe(at(120 + 5 + 3600));
  });

  it('marks a message Failure once the schedule is exhausted', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 500 }));
    const message = await t.seedMessage(consumer);
    const w = worker({ scheduleSeconds: [0, 60] });

    await w.runOnce();
    await w.runOnce();
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 2, nextAttemptAt: at(60) });
    advance(60);
    await w.runOnce();

    expect(await messageOf(message.id)).toMatchObject({ status: 'Failure', attemptCount: 3, nextAttemptAt: null });
    expect(await w.runOnce()).toBe(0);
    expect(await t.store.webhookOutbox.nextDueAt()).toBeUndefined();
    expect(receiver.requests).toHaveLength(3);
  });

  it('disables a consumer after 5 days in which every attempt failed', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 500 }));
    const message = await t.seedMessage(consumer);
    const w = worker({ scheduleSeconds: [0, 3 * DAY, 3 * DAY] });

    await w.runOnce();
    await w.runOnce();
    advance(3 * DAY);
    await w.runOnce(); // 3 days of failures: still enabled
    expect(await consumerOf(consumer.id)).toMatchObject({ disabled: false, failingSince: at(0), disabledReason: null });

    advance(3 * DAY);
    await w.runOnce(); // 6 days
    expect(await consumerOf(consumer.id)).toMatchObject({
      disabled: true,
      disabledReason: 'Disabled after 5 days of failed deliveries',
      failingSince: at(0),
      modified: at(6 * DAY),
    });
    expect(await messageOf(message.id)).toMatchObject({ status: 'Failure', attemptCount: 4 });
    expect(logs).toContainEqual(expect.objectContaining({ level: 40, consumerId: consumer.id, msg: 'webhook consumer disabled after 5 days of failed deliveries' }));

    // Nothing more is delivered to it.
    await t.seedMessage(consumer, { created: nowIso() });
    expect(await w.runOnce()).toBe(0);
    expect(receiver.requests).toHaveLength(4);
  });

  it('delivers nothing to a disabled consumer until it is re-enabled; then its pending messages resume', async () => {
    const { receiver, consumer } = await endpoint({ disabled: true, disabledReason: 'paused by the client' });
    const first = await t.seedMessage(consumer);
    const second = await t.seedMessage(consumer, { created: at(1), nextAttemptAt: at(1) });
    advance(3600);
    const w = worker();

    expect(await w.runOnce()).toBe(0);
    expect(await t.store.webhookOutbox.nextDueAt()).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);

    await t.store.webhookConsumers.update({ ...consumer, disabled: false, disabledReason: null });
    expect(await w.runOnce()).toBe(2);
    expect(receiver.requests.map((r) => r.headers['webhook-id']).sort()).toEqual([first.id, second.id].sort());
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    expect((await messageOf(first.id))?.status).toBe('Success');
    expect((await messageOf(second.id))?.status).toBe('Success');
  });

  it('signs with the previous secret too for 24 h after a rotation, then only with the new one', async () => {
    const oldSecret = newSecret();
    const { receiver, consumer } = await endpoint({ previousSecret: oldSecret, previousSecretExpiresAt: at(DAY) });
    receiver.verifyWith(oldSecret); // the customer has not switched yet
    const beforeExpiry = await t.seedMessage(consumer);
    const w = worker();

    await w.runOnce();
    const [during] = receiver.requests;
    expect(during!.verified).toBe(true);
    expect(during!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(consumer.secret).verify(during!.body, during!.headers)).not.toThrow();
    expect((await messageOf(beforeExpiry.id))?.status).toBe('Success');

    advance(DAY + 1);
    const afterExpiry = await t.seedMessage(consumer, { created: nowIso() });
    await w.runOnce();
    const [, after] = receiver.requests;
    expect(after!.verified).toBe(false); // the old secret no longer signs
    expect(after!.verifyError).toMatch(/signature/i);
    expect(after!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(consumer.secret).verify(after!.body, after!.headers)).not.toThrow();
    expect(await attemptsOf(afterExpiry.id)).toEqual([expect.objectContaining({ statusCode: 401, succeeded: false })]);
  });

  it('refuses a loopback destination when private destinations are not allowed: nothing is sent', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await t.seedMessage(consumer);

    await worker({ sender: strictSender }).runOnce();

    expect(receiver.requests).toHaveLength(0);
    const [attempt] = await attemptsOf(message.id);
    expect(attempt).toMatchObject({ statusCode: null, succeeded: false });
    expect(attempt!.responseSnippet).toMatch(/^Destination refused: 127\.0\.0\.1 is a loopback address/);
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 1 });
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const { receiver, consumer } = await endpoint();
    const elsewhere = await startReceiver(consumer.secret);
    receivers.push(elsewhere);
    receiver.respond(() => ({ status: 307, headers: { Location: elsewhere.url } }));
    const message = await t.seedMessage(consumer);

    await worker().runOnce();

    expect(elsewhere.requests).toHaveLength(0);
    expect(await attemptsOf(message.id)).toEqual([expect.objectContaining({ statusCode: 307, succeeded: false })]);
    expect((await messageOf(message.id))?.status).toBe('Attempting');
  });

  it('loses nothing when a worker dies: after the lease the same message is sent again', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await t.seedMessage(consumer);

    // Worker A claims and dies before sending.
    expect(await t.store.webhookOutbox.claimDue(nowIso(), at(60), 10)).toHaveLength(1);
    // Worker B dies after the receiver got the request but before recording the outcome.
    const dying = { send: async (...args: Parameters<HttpSender['send']>) => (await sender.send(...args), Promise.reject(new Error('killed'))) };
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

    const message = await t.seedMessage(consumer);
    w.wake();
    await eventually(() => receiver.requests.length === 1);
    await w.stop(); // the reply is still 150 ms away
    expect(await messageOf(message.id)).toMatchObject({ status: 'Success', attemptCount: 1 });
  });

  it('delivers concurrently, never more than `concurrency` at a time', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 200, delayMs: 60 }));
    const messages = [];
    for (let i = 0; i < 6; i++) messages.push(await t.seedMessage(consumer));

    expect(await worker({ concurrency: 2 }).runOnce()).toBe(6);
    expect(receiver.maxConcurrent).toBe(2);

    for (let i = 0; i < 6; i++) messages.push(await t.seedMessage(consumer));
    const background = worker({ concurrency: 3, batchSize: 100 });
    background.start();
    await eventually(async () => (await t.store.webhookOutbox.listMessages(client.id, consumer.id, { status: 'Success', offset: 0, limit: 100 })).total === 12);
    await background.stop();
    expect(receiver.maxConcurrent).toBe(3);
  });

  it('claims up to `concurrency` more while every slot is busy, and hands back the unsent ones when stopped', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 200, delayMs: 150 }));
    for (let i = 0; i < 8; i++) await t.seedMessage(consumer);
    const leased = async () =>
      Number((await t.database.db.selectFrom('webhook_messages').select((eb) => eb.fn.countAll().as('n')).where('locked_until', 'is not', null).executeTakeFirstOrThrow()).n);
    const succeeded = async () => (await t.store.webhookOutbox.listMessages(client.id, consumer.id, { status: 'Success', offset: 0, limit: 100 })).total;

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
    const old = await t.seedMessage(consumer, { created: at(-3 * DAY), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    const recent = await t.seedMessage(consumer, { created: at(-DAY / 2), status: 'Success', attemptCount: 1, nextAttemptAt: null });
    const w = worker({ retentionDays: 1 });
    w.start();
    await eventually(async () => (await messageOf(old.id)) === undefined);
    await w.stop();
    expect(await messageOf(recent.id)).toBeDefined();
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'pruned old webhook messages', deleted: 1 }));
  });
});
