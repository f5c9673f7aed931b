import type { Logger } from 'pino';
import { toIso, type Clock } from '../domain/clock.js';
import { newPrefixedId } from '../domain/ids.js';
import type { WebhookConsumer } from '../domain/webhook-consumer.js';
import { AUTO_DISABLE_AFTER_MS, DEFAULT_RETRY_SCHEDULE_SECONDS, type WebhookAttempt, type WebhookMessage } from '../domain/webhook-message.js';
import { createLeasedJobRunner, type LeasedJobRunner } from '../jobs/leased-job-runner.js';
import { retryDelayMs } from '../jobs/retry-schedule.js';
import type { HttpSender } from '../outbound/http-sender.js';
import { SEALING } from '../security/sealing-contexts.js';
import type { SecretBox } from '../security/secret-box.js';
import type { ClaimedMessage, Store } from '../storage/ports.js';
import { describeDuration, trackConsumerHealth } from './consumer-health.js';
import { signatureHeaders } from './signer.js';

/**
 * Webhook delivery on the leased-job kernel (`jobs/leased-job-runner.ts`, which owns the loop,
 * the lease, the concurrency and the batching): what is webhook-specific is here.
 * - A job is a claimed outbox message; performing it signs it per Standard Webhooks with the
 *   consumer's secret(s) and POSTs it through the destination-guarded sender.
 * - Its outcome (the attempt row, the message's next state on the retry schedule, the
 *   consumer's health) is written with the others finishing at the same time, in one
 *   transaction; that commit is what releases the message's lease, so a crash before it means
 *   the message is sent again with the same `webhook-id` (at-least-once).
 * - Old messages, attempts and events are pruned when the loop goes idle (at most hourly).
 */
export interface DeliveryWorkerOptions {
  store: Store;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  sender: Pick<HttpSender, 'send'>;
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

export type DeliveryWorker = LeasedJobRunner;

interface DeliveryOutcome {
  attempt: WebhookAttempt;
  next: WebhookMessage;
  consumer: WebhookConsumer;
  attemptedAt: Date;
  refused: boolean;
  /** The destination guard's detail, logged for the operator (the tenant sees only "not allowed"). */
  refusal: string | undefined;
}

const PRUNE_EVERY_MS = 3600 * 1000;
/** Four default sender timeouts: a claimed message may wait one for a slot and take one to send. */
const DEFAULT_LEASE_MS = 60_000;

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, secrets, clock, log, sender } = options;
  const schedule = options.scheduleSeconds ?? DEFAULT_RETRY_SCHEDULE_SECONDS;
  const retentionMs = (options.retentionDays ?? 30) * 24 * 3600 * 1000;
  const autoDisableAfterMs = options.autoDisableAfterMs ?? AUTO_DISABLE_AFTER_MS;
  const health = { autoDisableAfterMs, disabledReason: `Disabled after ${describeDuration(autoDisableAfterMs)} of failed deliveries` };
  const random = options.random ?? Math.random;

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

  async function deliver({ message, body, consumer }: ClaimedMessage): Promise<DeliveryOutcome | undefined> {
    const attemptedAt = clock.now();
    let keys: string[];
    try {
      keys = signingSecrets(consumer, attemptedAt);
    } catch (error) {
      // Not the receiver's fault (the encryption key changed?): no attempt is counted against
      // the consumer; the lease lapses and the message is tried again.
      log.error({ err: error, consumerId: consumer.id, messageId: message.id }, 'cannot decrypt the webhook signing secret; delivery postponed');
      return undefined;
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
    const attempt: WebhookAttempt = {
      id: newPrefixedId('atmpt'),
      clientId: message.clientId,
      messageId: message.id,
      attemptedAt: toIso(attemptedAt),
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      responseSnippet: result.snippet,
      succeeded,
    };
    return { attempt, next, consumer, attemptedAt, refused: result.refused, refusal: result.refusal };
  }

  /** One transaction per batch: the attempts (one multi-row insert), the messages' next states, consumer health. */
  async function recordOutcomes(outcomes: DeliveryOutcome[]): Promise<void> {
    const disabled = await store.transaction(async (tx) => {
      const newlyDisabled: WebhookConsumer[] = [];
      await tx.webhookOutbox.recordAttempts(outcomes.map((outcome) => outcome.attempt));
      await tx.webhookOutbox.updateAfterAttempts(outcomes.map((outcome) => outcome.next));
      for (const outcome of outcomes) {
        const consumer = await trackConsumerHealth(tx, outcome.consumer, { succeeded: outcome.attempt.succeeded, at: outcome.attemptedAt }, health);
        if (consumer) newlyDisabled.push(consumer);
      }
      return newlyDisabled;
    });
    for (const consumer of disabled) {
      log.warn({ consumerId: consumer.id, clientId: consumer.clientId, failingSince: consumer.failingSince }, `webhook consumer ${health.disabledReason.toLowerCase()}`);
    }
    for (const { consumer, next, refusal } of outcomes) {
      if (refusal !== undefined) log.warn({ consumerId: consumer.id, clientId: consumer.clientId, messageId: next.id, refusal }, 'webhook destination refused');
    }
    if (!log.isLevelEnabled('debug')) return;
    for (const { attempt, next, consumer, refused } of outcomes) {
      log.debug(
        { messageId: next.id, consumerId: consumer.id, attempt: next.attemptCount, statusCode: attempt.statusCode, latencyMs: attempt.latencyMs, refused, status: next.status },
        'webhook attempt',
      );
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

  return createLeasedJobRunner<ClaimedMessage, DeliveryOutcome>({
    name: 'webhook messages',
    clock,
    log,
    claim: (limit, lease) => store.webhookOutbox.claimDue(toIso(lease.now), toIso(lease.until), limit),
    perform: deliver,
    complete: recordOutcomes,
    release: (jobs) => store.webhookOutbox.releaseLeases(jobs.map((claimed) => claimed.message.id)),
    async nextDueAt() {
      const due = await store.webhookOutbox.nextDueAt();
      return due === undefined ? undefined : new Date(due);
    },
    onIdle: pruneIfDue,
    describe: (claimed) => ({ messageId: claimed.message.id }),
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    idlePollMs: options.idlePollMs,
  });
}
