/**
 * The delivery worker suites' shared setup, with real parts: a real database (both dialects),
 * real sealed secrets, the real HTTP sender, and receivers that verify with svix's `Webhook`
 * unchanged. Only `Date` is faked: the worker's clock and svix's 5-minute timestamp check read
 * the same time, so tests jump hours or days with `advance()` and never sleep through a schedule.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { Client } from '../../src/domain/client.js';
import type { Clock } from '../../src/domain/clock.js';
import type { HttpSender } from '../../src/outbound/http-sender.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from '../../src/webhooks/delivery-worker.js';
import { createWebhookSender } from '../../src/webhooks/webhook-sender.js';
import type { TestDialect } from '../support/databases.js';
import { newSecret, openWebhookTestDb, startReceiver, T0, type TestReceiver, type WebhookTestDb } from './support.js';

export const DAY = 24 * 3600;
/** The worker's clock is the (faked) system time, which svix also reads. */
const clock: Clock = { now: () => new Date() };
export const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
export const nowIso = () => new Date().toISOString();

/** Polls (in real time) until `check` passes. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Registers the hooks of one suite (call it inside the suite's `describe`): a database per
 * suite, emptied and with the time back at T0 before each test, receivers closed after it.
 * `t`, `client`, `logs` and the senders are set by the hooks, so tests read them from the harness.
 */
export function useWorkerHarness(dialect: TestDialect) {
  const receivers: TestReceiver[] = [];
  const h = {
    t: undefined as unknown as WebhookTestDb,
    client: undefined as unknown as Client,
    /** Loopback is allowed explicitly: tests deliver to 127.0.0.1. */
    sender: undefined as unknown as HttpSender,
    /** The production setting, for the SSRF test. */
    strictSender: undefined as unknown as HttpSender,
    logs: [] as Array<Record<string, unknown>>,
    worker: (overrides: Partial<DeliveryWorkerOptions> = {}) =>
      createDeliveryWorker({ store: h.t.store, secrets: h.t.secrets, clock, log, sender: h.sender, random: () => 0.5, ...overrides }),
    /** A receiver verifying with `secret`, closed after the test. */
    async receiver(secret: string) {
      const receiver = await startReceiver(secret);
      receivers.push(receiver);
      return receiver;
    },
    /** A receiver and a consumer pointing at it, sharing a signing secret. */
    async endpoint(overrides: Parameters<WebhookTestDb['seedConsumer']>[1] = {}) {
      const secret = overrides.secret ?? newSecret();
      const receiver = await h.receiver(secret);
      const consumer = await h.t.seedConsumer(h.client.id, { url: receiver.url, ...overrides, secret });
      return { receiver, consumer };
    },
    messageOf: (id: string) => h.t.store.webhookOutbox.findMessage(h.client.id, id),
    attemptsOf: (id: string) => h.t.store.webhookOutbox.listAttempts(h.client.id, id),
    consumerOf: (id: string) => h.t.store.webhookConsumers.findById(h.client.id, id),
  };
  const log = pino({ level: 'debug' }, { write: (line: string) => h.logs.push(JSON.parse(line) as Record<string, unknown>) });

  beforeAll(async () => {
    h.t = await openWebhookTestDb(dialect);
    h.client = await h.t.seedClient();
    h.sender = createWebhookSender({ allowPrivateDestinations: true, timeoutMs: 300 });
    h.strictSender = createWebhookSender({ allowPrivateDestinations: false, timeoutMs: 300 });
  });
  afterAll(async () => {
    h.sender?.close();
    h.strictSender?.close();
    await h.t?.close();
  });
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    h.logs = [];
    await h.t.reset();
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const receiver of receivers.splice(0)) await receiver.close();
  });
  return h;
}
