/**
 * The delivery worker's attempts, end to end (harness: ./worker-harness.ts): signing, the retry
 * schedule, timeouts and Retry-After, giving up, disabling a failing consumer, secret rotation,
 * and the destination rules (no private addresses, no redirects).
 */
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { DESTINATION_NOT_ALLOWED } from '../../src/outbound/destination-guard.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { at, newSecret, T0 } from './support.js';
import { advance, DAY, nowIso, useWorkerHarness } from './worker-harness.js';

describe.each(TEST_DIALECTS)('webhook delivery worker attempts on %s', (dialect) => {
  const h = useWorkerHarness(dialect);
  const { worker, endpoint, messageOf, attemptsOf, consumerOf } = h;

  it('delivers a message signed so that svix verifies it, and records the attempt', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await h.t.seedMessage(consumer);

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
      expect.objectContaining({ clientId: h.client.id, attemptedAt: at(0), statusCode: 204, responseSnippet: '', succeeded: true }),
    ]);
    expect((await attemptsOf(message.id))[0]!.id).toMatch(/^atmpt_/);
    expect(await worker().runOnce()).toBe(0);
  });

  it('retries after 500s on the schedule, with the same webhook-id, until a 2xx', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await h.t.seedMessage(consumer);
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
    const message = await h.t.seedMessage(consumer);

    await worker().runOnce();

    const [attempt] = await attemptsOf(message.id);
    expect(attempt).toMatchObject({ statusCode: null, responseSnippet: 'Timed out after 300 ms', succeeded: false });
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 1 });
  });

  it('honours Retry-After, within an hour past the schedule', async () => {
    const { receiver, consumer } = await endpoint();
    const message = await h.t.seedMessage(consumer);
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
    const message = await h.t.seedMessage(consumer);
    const w = worker({ scheduleSeconds: [0, 60] });

    await w.runOnce();
    await w.runOnce();
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 2, nextAttemptAt: at(60) });
    advance(60);
    await w.runOnce();

    expect(await messageOf(message.id)).toMatchObject({ status: 'Failure', attemptCount: 3, nextAttemptAt: null });
    expect(await w.runOnce()).toBe(0);
    expect(await h.t.store.webhookOutbox.nextDueAt()).toBeUndefined();
    expect(receiver.requests).toHaveLength(3);
  });

  it('disables a consumer after 5 days in which every attempt failed', async () => {
    const { receiver, consumer } = await endpoint();
    receiver.respond(() => ({ status: 500 }));
    const message = await h.t.seedMessage(consumer);
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
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, consumerId: consumer.id, msg: 'webhook consumer disabled after 5 days of failed deliveries' }));

    // Nothing more is delivered to it.
    await h.t.seedMessage(consumer, { created: nowIso() });
    expect(await w.runOnce()).toBe(0);
    expect(receiver.requests).toHaveLength(4);
  });

  it('delivers nothing to a disabled consumer until it is re-enabled; then its pending messages resume', async () => {
    const { receiver, consumer } = await endpoint({ disabled: true, disabledReason: 'paused by the client' });
    const first = await h.t.seedMessage(consumer);
    const second = await h.t.seedMessage(consumer, { created: at(1), nextAttemptAt: at(1) });
    advance(3600);
    const w = worker();

    expect(await w.runOnce()).toBe(0);
    expect(await h.t.store.webhookOutbox.nextDueAt()).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);

    await h.t.store.webhookConsumers.update({ ...consumer, disabled: false, disabledReason: null });
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
    const beforeExpiry = await h.t.seedMessage(consumer);
    const w = worker();

    await w.runOnce();
    const [during] = receiver.requests;
    expect(during!.verified).toBe(true);
    expect(during!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(consumer.secret).verify(during!.body, during!.headers)).not.toThrow();
    expect((await messageOf(beforeExpiry.id))?.status).toBe('Success');

    advance(DAY + 1);
    const afterExpiry = await h.t.seedMessage(consumer, { created: nowIso() });
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
    const message = await h.t.seedMessage(consumer);

    await worker({ sender: h.strictSender }).runOnce();

    expect(receiver.requests).toHaveLength(0);
    const [attempt] = await attemptsOf(message.id);
    expect(attempt).toMatchObject({ statusCode: null, succeeded: false, responseSnippet: DESTINATION_NOT_ALLOWED });
    expect(await messageOf(message.id)).toMatchObject({ status: 'Attempting', attemptCount: 1 });
  });

  it('tells the tenant only that a refused destination is not allowed; what it resolved to goes to the operator log', async () => {
    const { receiver, consumer } = await endpoint();
    const named = await h.t.seedConsumer(h.client.id, { url: receiver.url.replace('127.0.0.1', 'localhost'), secret: consumer.secret });
    const message = await h.t.seedMessage(named);

    await worker({ sender: h.strictSender }).runOnce();

    expect(receiver.requests).toHaveLength(0);
    const [attempt] = await attemptsOf(message.id);
    expect(attempt!.responseSnippet).toBe(DESTINATION_NOT_ALLOWED);
    expect(attempt!.responseSnippet).not.toMatch(/localhost|127\.0\.0\.1|::1|loopback|resolves/);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 40, consumerId: named.id, messageId: message.id, msg: 'webhook destination refused', refusal: expect.stringMatching(/^Destination refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/) }),
    );
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const { receiver, consumer } = await endpoint();
    const elsewhere = await h.receiver(consumer.secret);
    receiver.respond(() => ({ status: 307, headers: { Location: elsewhere.url } }));
    const message = await h.t.seedMessage(consumer);

    await worker().runOnce();

    expect(elsewhere.requests).toHaveLength(0);
    expect(await attemptsOf(message.id)).toEqual([expect.objectContaining({ statusCode: 307, succeeded: false })]);
    expect((await messageOf(message.id))?.status).toBe('Attempting');
  });
});
