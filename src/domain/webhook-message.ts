import { newPrefixedId } from './ids.js';

/**
 * Webhook delivery model (Svix's): one event, fanned out to one message per matching consumer;
 * each message is attempted until a 2xx, following the retry schedule. The `webhook-id` header
 * is the message id, stable across retries, so receivers can de-duplicate.
 */
export const MESSAGE_STATUSES = ['Sending', 'Attempting', 'Success', 'Failure'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface WebhookEvent {
  id: string;
  clientId: string;
  eventType: string;
  companyId: string | null;
  /** The exact JSON body sent (Codat's envelope); signatures cover these bytes. */
  body: string;
  created: string;
}

export interface WebhookMessage {
  id: string; // msg_…
  clientId: string;
  consumerId: string;
  eventId: string;
  eventType: string;
  status: MessageStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  created: string;
}

export interface WebhookAttempt {
  id: string;
  clientId: string;
  messageId: string;
  attemptedAt: string;
  /** HTTP status, or null when no response arrived (network error, timeout, refused destination). */
  statusCode: number | null;
  latencyMs: number;
  /** The first bytes of the response body, or the error, for the delivery log. */
  responseSnippet: string;
  succeeded: boolean;
}

/** A message waiting for its first attempt; its id is the `webhook-id` every attempt will carry. */
export function newWebhookMessage(input: { clientId: string; consumerId: string; eventId: string; eventType: string; now: string }): WebhookMessage {
  return {
    id: newPrefixedId('msg'),
    clientId: input.clientId,
    consumerId: input.consumerId,
    eventId: input.eventId,
    eventType: input.eventType,
    status: 'Sending',
    attemptCount: 0,
    nextAttemptAt: input.now,
    lastAttemptAt: null,
    created: input.now,
  };
}

/** Default retry schedule after each failure (codat-spec §6.5): ~28 h in total. */
export const DEFAULT_RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

/** A consumer that has failed every attempt for this long is disabled. */
export const AUTO_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/** The previous signing secret keeps signing alongside the new one this long after rotation. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/** Which consumers receive an event: subscribed type, and (if set) any matching company tag. */
export function consumerWants(
  consumer: { eventTypes: string[]; companyTags: string[] | null },
  eventType: string,
  companyTags: Record<string, string> | null,
): boolean {
  if (!consumer.eventTypes.includes(eventType) && !consumer.eventTypes.includes('*')) return false;
  if (!consumer.companyTags || consumer.companyTags.length === 0) return true;
  if (!companyTags) return false;
  return consumer.companyTags.some((entry) => {
    const separator = entry.indexOf(':');
    return separator > 0 && companyTags[entry.slice(0, separator)] === entry.slice(separator + 1);
  });
}
