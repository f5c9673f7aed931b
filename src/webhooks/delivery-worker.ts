import type { Logger } from 'pino';
import { toIso, type Clock } from '../domain/clock.js';
import { newPrefixedId } from '../domain/ids.js';
import type { WebhookConsumer } from '../domain/webhook-consumer.js';
import { AUTO_DISABLE_AFTER_MS, DEFAULT_RETRY_SCHEDULE_SECONDS, type WebhookAttempt, type WebhookMessage } from '../domain/webhook-message.js';
import { SEALING } from '../security/sealing-contexts.js';
import type { SecretBox } from '../security/secret-box.js';
import type { ClaimedMessage, Store } from '../storage/ports.js';
import type { WebhookSender } from './http-sender.js';
import { retryDelayMs } from './retry-schedule.js';
import { signatureHeaders } from './signer.js';

/**
 * The delivery loop: lease due messages, POST them signed, record every attempt, reschedule.
 * - At-least-once: a message is only released by `updateAfterAttempt`, in the same transaction
 *   as its attempt row. If the process dies anywhere before that commit, the lease expires and
 *   the message is sent again with the same `webhook-id`, which receivers use to de-duplicate.
 * - At most `concurrency` claimed messages wait for a slot, so a leased message starts within
 *   one sender timeout: it is never queued behind slow receivers while its lease runs out.
 * - Consumer health (Svix's policy): the first failure after a success starts `failingSince`;
 *   any success clears it; a failure once it is `autoDisableAfterMs` old disables the consumer.
 */
export interface DeliveryWorkerOptions {
  store: Store;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  sender: Pick<WebhookSender, 'send'>;
  /** Delay in seconds after each failure; past its end a message fails for good. */
  scheduleSeconds?: readonly number[];
  /** Attempts in flight at once, across all consumers. */
  concurrency?: number;
  /** Most messages claimed by one query. */
  batchSize?: number;
  /**
   * How long a claimed message stays reserved. A claimed message may wait one sender timeout for
   * a slot and take another to send, so this must exceed twice the sender's timeout comfortably.
   */
  leaseMs?: number;
  /** Longest idle wait: bounds the delay for work committed by other processes (no `wake()`). */
  idlePollMs?: number;
  /** Messages, attempts and events older than this are deleted (checked at most hourly). */
  retentionDays?: number;
  autoDisableAfterMs?: number;
  /** Jitter source, uniform in [0, 1). */
  random?: () => number;
}

export interface DeliveryWorker {
  /** Starts the background loop (idempotent). */
  start(): void;
  /** Stops claiming, hands back claimed messages not yet sent, and waits for the attempts in flight to be recorded. */
  stop(): Promise<void>;
  /** New work was committed: claim now instead of at the next poll. */
  wake(): void;
  /** Claims one batch and delivers it, resolving with how many messages were claimed (tests). */
  runOnce(): Promise<number>;
}

const PRUNE_EVERY_MS = 3600 * 1000;
/** Floor for idle waits, so a due time in the past (another worker's lease) cannot spin the loop. */
const MIN_IDLE_WAIT_MS = 10;
/** Back-off after the database itself failed (e.g. PostgreSQL restarting). */
const ERROR_BACKOFF_MS = 1000;

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, secrets, clock, log, sender } = options;
  const schedule = options.scheduleSeconds ?? DEFAULT_RETRY_SCHEDULE_SECONDS;
  const concurrency = Math.max(1, options.concurrency ?? 32);
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const leaseMs = options.leaseMs ?? 60_000;
  const idlePollMs = options.idlePollMs ?? 250;
  const retentionMs = (options.retentionDays ?? 30) * 24 * 3600 * 1000;
  const autoDisableAfterMs = options.autoDisableAfterMs ?? AUTO_DISABLE_AFTER_MS;
  const disabledReason = `Disabled after ${describeDuration(autoDisableAfterMs)} of failed deliveries`;
  const random = options.random ?? Math.random;

  function claim(limit: number): Promise<ClaimedMessage[]> {
    const now = clock.now();
    return store.webhookOutbox.claimDue(toIso(now), toIso(new Date(now.getTime() + leaseMs)), limit);
  }

  /** The current secret, plus the previous one while its rotation overlap lasts. */
  function signingSecrets(consumer: WebhookConsumer, now: Date): string[] {
    const aad = SEALING.webhookSecret(consumer.id);
    const list = [secrets.open(consumer.secretSealed, aad)];
    const { previousSecretSealed, previousSecretExpiresAt } = consumer;
    if (previousSecretSealed && previousSecretExpiresAt && Date.parse(previousSecretExpiresAt) > now.getTime()) {
      list.push(secrets.open(previousSecretSealed, aad));
    }
    return list;
  }

  async function deliver({ message, body, consumer }: ClaimedMessage): Promise<void> {
    const attemptedAt = clock.now();
    let keys: string[];
    try {
      keys = signingSecrets(consumer, attemptedAt);
    } catch (error) {
      // Not the receiver's fault (the encryption key changed?): no attempt is counted against
      // the consumer; the lease lapses and the message is tried again.
      log.error({ err: error, consumerId: consumer.id, messageId: message.id }, 'cannot decrypt the webhook signing secret; delivery postponed');
      return;
    }
    const headers = signatureHeaders(message.id, Math.floor(attemptedAt.getTime() / 1000), body, keys);
    const result = await sender.send(consumer.url, { ...headers }, body);
    const finishedAt = clock.now();
    const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const attemptCount = message.attemptCount + 1;

    let next: WebhookMessage = { ...message, attemptCount, lastAttemptAt: toIso(attemptedAt), status: 'Success', nextAttemptAt: null };
    if (!succeeded) {
      const delay = retryDelayMs(attemptCount, schedule, { retryAfter: result.retryAfter, now: finishedAt, random });
      next =
        delay === undefined
          ? { ...next, status: 'Failure', nextAttemptAt: null }
          : { ...next, status: 'Attempting', nextAttemptAt: toIso(new Date(finishedAt.getTime() + delay)) };
    }

    await recordOutcome({
      attempt: {
        id: newPrefixedId('atmpt'),
        clientId: message.clientId,
        messageId: message.id,
        attemptedAt: toIso(attemptedAt),
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseSnippet: result.snippet,
        succeeded,
      },
      next,
      consumer,
      succeeded,
      attemptedAt,
    });
    log.debug(
      { messageId: message.id, consumerId: consumer.id, attempt: attemptCount, statusCode: result.statusCode, latencyMs: result.latencyMs, refused: result.refused, status: next.status },
      'webhook attempt',
    );
  }

  interface Outcome {
    attempt: WebhookAttempt;
    next: WebhookMessage;
    consumer: WebhookConsumer;
    succeeded: boolean;
    attemptedAt: Date;
  }

  /**
   * Outcomes finishing at about the same time are written together, in one transaction: one
   * commit per batch instead of one per delivery is what lets a single SQLite file keep up with
   * thousands of deliveries a second. A message's lease is released only by that commit, so a
   * crash before it means the message is sent again with the same `webhook-id` (at-least-once).
   */
  let pendingOutcomes: Array<{ outcome: Outcome; done: (error?: unknown) => void }> = [];
  function recordOutcome(outcome: Outcome): Promise<void> {
    return new Promise((resolve, reject) => {
      pendingOutcomes.push({ outcome, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (pendingOutcomes.length === 1) setImmediate(() => void flushOutcomes());
    });
  }

  async function flushOutcomes(): Promise<void> {
    const batch = pendingOutcomes;
    pendingOutcomes = [];
    try {
      const disabled = await store.transaction(async (tx) => {
        const newlyDisabled: WebhookConsumer[] = [];
        await tx.webhookOutbox.recordAttempts(batch.map(({ outcome }) => outcome.attempt));
        await tx.webhookOutbox.updateAfterAttempts(batch.map(({ outcome }) => outcome.next));
        for (const { outcome } of batch) {
          const consumer = await trackConsumerHealth(tx, outcome.consumer, outcome.succeeded, outcome.attemptedAt);
          if (consumer) newlyDisabled.push(consumer);
        }
        return newlyDisabled;
      });
      for (const consumer of disabled) {
        log.warn({ consumerId: consumer.id, clientId: consumer.clientId, failingSince: consumer.failingSince }, `webhook consumer ${disabledReason.toLowerCase()}`);
      }
      for (const { done } of batch) done();
    } catch (error) {
      for (const { done } of batch) done(error);
    }
  }

  /**
   * Updates `failingSince` / auto-disables. The claimed copy of the consumer says whether a
   * change is needed at all (most attempts need none, so most cost no extra query); the row is
   * re-read before writing so a concurrent API edit (rotation, URL change) is not overwritten.
   * Returns the consumer if this attempt disabled it.
   */
  async function trackConsumerHealth(tx: Store, claimed: WebhookConsumer, succeeded: boolean, at: Date): Promise<WebhookConsumer | undefined> {
    const mayChange = (consumer: WebhookConsumer) =>
      succeeded
        ? consumer.failingSince !== null
        : consumer.failingSince === null || (!consumer.disabled && at.getTime() - Date.parse(consumer.failingSince) >= autoDisableAfterMs);
    if (!mayChange(claimed)) return undefined;
    const current = await tx.webhookConsumers.findByIdUnscoped(claimed.id);
    if (!current || !mayChange(current)) return undefined;
    if (succeeded) {
      await tx.webhookConsumers.update({ ...current, failingSince: null });
      return undefined;
    }
    if (current.failingSince === null) {
      await tx.webhookConsumers.update({ ...current, failingSince: toIso(at) });
      return undefined;
    }
    const disabled = { ...current, disabled: true, disabledReason, modified: toIso(at) };
    await tx.webhookConsumers.update(disabled);
    return disabled;
  }

  /** Delivery errors past the send (the database) must not kill the loop; the lease covers them. */
  async function deliverSafely(claimed: ClaimedMessage): Promise<void> {
    try {
      await deliver(claimed);
    } catch (error) {
      log.error({ err: error, messageId: claimed.message.id }, 'recording a webhook attempt failed; the message will be retried when its lease expires');
    }
  }

  let lastPruneAt: number | undefined;
  async function pruneIfDue(): Promise<void> {
    const now = clock.now().getTime();
    if (lastPruneAt !== undefined && now - lastPruneAt < PRUNE_EVERY_MS) return;
    lastPruneAt = now;
    try {
      const deleted = await store.webhookOutbox.prune(toIso(new Date(now - retentionMs)));
      if (deleted > 0) log.info({ deleted }, 'pruned old webhook messages');
    } catch (error) {
      log.error({ err: error }, 'pruning webhook messages failed');
    }
  }

  /** Until the next message falls due, but never longer than `idlePollMs`. */
  async function idleWaitMs(): Promise<number> {
    try {
      const due = await store.webhookOutbox.nextDueAt();
      if (due === undefined) return idlePollMs;
      return Math.min(idlePollMs, Math.max(MIN_IDLE_WAIT_MS, Date.parse(due) - clock.now().getTime()));
    } catch (error) {
      log.error({ err: error }, 'reading the next webhook due time failed');
      return ERROR_BACKOFF_MS;
    }
  }

  // The loop sleeps in `pause`; `notify` (wake(), a finished delivery, stop()) ends the sleep
  // early, and a notification arriving while the loop is busy makes the next pause return at once.
  let notified = false;
  let interrupt: (() => void) | undefined;
  function notify(): void {
    notified = true;
    interrupt?.();
  }
  function pause(ms: number): Promise<void> {
    if (notified) {
      notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        interrupt = undefined;
        notified = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
    });
  }

  let running = false;
  let loop: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();
  /**
   * Claimed, waiting for a free slot. Claiming takes several database round trips; with nothing
   * claimed ahead the slots sat idle during every claim (PostgreSQL ran at a fifth of its
   * concurrency). At most `concurrency` wait, so each starts within one sender timeout, far
   * inside its lease.
   */
  const ready: ClaimedMessage[] = [];

  function startDeliveries(): void {
    while (running && inFlight.size < concurrency && ready.length > 0) {
      const delivery: Promise<void> = deliverSafely(ready.shift()!).finally(() => {
        inFlight.delete(delivery);
        startDeliveries();
        notify();
      });
      inFlight.add(delivery);
    }
  }

  async function run(): Promise<void> {
    while (running) {
      const room = 2 * concurrency - inFlight.size - ready.length;
      // Claim in batches of at least half the room: claiming each freed slot on its own made the
      // claim, not the delivery, the bottleneck.
      if (room < Math.ceil(concurrency / 2)) {
        await pause(idlePollMs); // a finishing delivery notifies
        continue;
      }
      const wanted = Math.min(batchSize, room);
      let claimed: ClaimedMessage[];
      try {
        claimed = await claim(wanted);
      } catch (error) {
        log.error({ err: error }, 'claiming webhook messages failed');
        await pause(ERROR_BACKOFF_MS);
        continue;
      }
      ready.push(...claimed);
      startDeliveries();
      if (claimed.length === wanted) continue; // probably more due: claim again straight away
      await pruneIfDue();
      if (running) await pause(await idleWaitMs());
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run().catch((error: unknown) => log.error({ err: error }, 'webhook delivery loop crashed'));
    },
    async stop() {
      running = false;
      notify();
      await loop;
      loop = undefined;
      // Claimed but not started: handed back at once rather than held until their leases lapse,
      // so a restart or another worker sends them without waiting (and shutdown is not slowed).
      const unsent = ready.splice(0).map((claimed) => claimed.message.id);
      if (unsent.length > 0) {
        await store.webhookOutbox.releaseLeases(unsent).catch((error: unknown) => {
          log.error({ err: error, messages: unsent.length }, 'releasing unsent webhook messages failed; they are sent when their leases lapse');
        });
      }
      await Promise.allSettled([...inFlight]);
    },
    wake: notify,
    async runOnce() {
      const claimed = await claim(batchSize);
      let next = 0;
      const lane = async () => {
        while (next < claimed.length) await deliverSafely(claimed[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
      return claimed.length;
    },
  };
}

/** "5 days", "12 hours", "90 seconds": for the disabled reason shown to the client. */
function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}
