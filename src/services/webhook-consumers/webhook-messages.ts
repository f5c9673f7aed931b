import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { type MessageStatus, type WebhookAttempt, type WebhookMessage } from '../../domain/webhook-message.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { resolvePaging } from '../paging.js';
import { requireWebhookConsumer } from './require-webhook-consumer.js';

type Deps = Pick<ServiceDeps, 'store' | 'clock'>;

/** The delivery log of one consumer, newest first. */
export async function listWebhookMessages(
  deps: Deps,
  actor: Actor,
  webhookId: string,
  input: { status?: MessageStatus | undefined; page?: number | undefined; pageSize?: number | undefined },
): Promise<{ items: WebhookMessage[]; total: number; page: number; pageSize: number }> {
  const consumer = await requireWebhookConsumer(deps.store, actor.clientId, webhookId);
  const { page, pageSize, offset } = resolvePaging(input);
  const result = await deps.store.webhookOutbox.listMessages(actor.clientId, consumer.id, { status: input.status, offset, limit: pageSize });
  return { ...result, page, pageSize };
}

async function requireMessage(deps: Deps, actor: Actor, webhookId: string, messageId: string): Promise<WebhookMessage> {
  const consumer = await requireWebhookConsumer(deps.store, actor.clientId, webhookId);
  const message = await deps.store.webhookOutbox.findMessage(actor.clientId, messageId);
  if (!message || message.consumerId !== consumer.id) throw new AppError('NOT_FOUND', `No message was found with ID ${messageId}.`);
  return message;
}

/** Every attempt at one message: time, HTTP status, latency and the first bytes of the response. */
export async function listMessageAttempts(deps: Deps, actor: Actor, webhookId: string, messageId: string): Promise<WebhookAttempt[]> {
  const message = await requireMessage(deps, actor, webhookId, messageId);
  return deps.store.webhookOutbox.listAttempts(actor.clientId, message.id);
}

/** Sends one message again now, whatever its status; its `webhook-id` stays the same. */
export async function resendMessage(deps: Deps, actor: Actor, webhookId: string, messageId: string): Promise<void> {
  const message = await requireMessage(deps, actor, webhookId, messageId);
  await deps.store.webhookOutbox.resend(actor.clientId, message.id, toIso(deps.clock.now()));
}

/** Sends again every message of this consumer that failed since the given time. */
export async function recoverFailedMessages(deps: Deps, actor: Actor, webhookId: string, since: string): Promise<number> {
  const consumer = await requireWebhookConsumer(deps.store, actor.clientId, webhookId);
  const time = Date.parse(since);
  if (Number.isNaN(time)) throw new AppError('BAD_REQUEST', 'since must be an ISO-8601 date-time.');
  return deps.store.webhookOutbox.recoverFailed(actor.clientId, consumer.id, new Date(time).toISOString(), toIso(deps.clock.now()));
}

/** A `webhook.test` event for this consumer only, whatever event types it subscribes to. */
export async function sendTestEvent(deps: Pick<ServiceDeps, 'store' | 'events'>, actor: Actor, webhookId: string): Promise<WebhookMessage> {
  const consumer = await requireWebhookConsumer(deps.store, actor.clientId, webhookId);
  return deps.store.transaction((tx) => deps.events.publishTest(tx, { clientId: actor.clientId, consumerId: consumer.id }));
}
