import { z } from 'zod';
import type { EventType } from '../../domain/events.js';
import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import { MESSAGE_STATUSES, type MessageStatus, type WebhookAttempt, type WebhookMessage } from '../../domain/webhook-message.js';
export type { MessageStatus };

/**
 * The Portal's Webhooks pages (`/portal/api/webhooks/*`): consumers, their signing secret, the
 * message log with attempts, resend, recover and the test event, through the same use-cases as
 * Codat's `/webhooks` and Doorway's delivery extensions. The services check the settings' rules
 * (and name the field they refuse); these schemas check the shapes.
 */
const url = z.string().trim().min(1, 'Enter the URL that will receive the events.').max(2000, 'Keep the URL to 2,000 characters or fewer.');
const eventTypes = z.array(z.string().max(100)).min(1, 'Choose at least one event type.').max(100);
const companyTags = z.array(z.string().trim().max(128, 'Keep each tag filter to 128 characters or fewer.')).max(10, 'Use at most 10 tag filters.').nullable();

export const createConsumerBody = z.object({ url, eventTypes, companyTags: companyTags.optional(), disabled: z.boolean().optional() });
export type CreateConsumerBody = z.infer<typeof createConsumerBody>;

export const updateConsumerBody = z.object({ url: url.optional(), eventTypes: eventTypes.optional(), companyTags: companyTags.optional(), disabled: z.boolean().optional() });
export type UpdateConsumerBody = z.infer<typeof updateConsumerBody>;

export const messagesQuery = z.object({
  status: z.enum(MESSAGE_STATUSES, { message: `Choose one of ${MESSAGE_STATUSES.join(', ')}.` }).optional(),
  page: z.coerce.number({ message: 'The page must be a number.' }).int('The page must be a whole number.').min(1, 'Pages start at 1.').max(1_000_000).optional(),
  pageSize: z.coerce.number({ message: 'The page size must be a number.' }).int().min(1).max(100, 'Show at most 100 messages a page.').optional(),
});

export const recoverBody = z.object({
  since: z.iso.datetime({ offset: true, message: 'Enter a date and time, e.g. 2026-11-01T00:00:00Z.' }),
});

export interface ConsumerView {
  id: string;
  url: string;
  eventTypes: string[];
  /** `tagKey:tagValue` entries; null: every company's events. */
  companyTags: string[] | null;
  disabled: boolean;
  disabledReason: string | null;
  /** Every attempt has failed since then (five days of it disable the consumer). */
  failingSince: string | null;
  created: string;
  modified: string;
}

export interface ConsumersView {
  results: ConsumerView[];
  /** The Codat event types Doorway emits, for the form's choices. */
  eventTypes: readonly EventType[];
  limit: number;
}

export interface SigningSecretView {
  /** Standard Webhooks secret (`whsec_…`); verify deliveries with any Standard Webhooks or Svix library. */
  secret: string;
}

export interface MessageView {
  id: string;
  eventType: string;
  status: MessageStatus;
  attempts: number;
  nextAttempt: string | null;
  lastAttempt: string | null;
  created: string;
}

export interface MessagesView {
  results: MessageView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface AttemptView {
  id: string;
  at: string;
  /** null when no response arrived (network error, timeout, a destination that is not allowed). */
  statusCode: number | null;
  latencyMs: number;
  succeeded: boolean;
  /** The first bytes of the response, or the delivery error as the tenant may see it. */
  response: string;
}

export const toConsumerView = (consumer: WebhookConsumer): ConsumerView => ({
  id: consumer.id,
  url: consumer.url,
  eventTypes: consumer.eventTypes,
  companyTags: consumer.companyTags,
  disabled: consumer.disabled,
  disabledReason: consumer.disabled ? consumer.disabledReason : null,
  failingSince: consumer.failingSince,
  created: consumer.created,
  modified: consumer.modified,
});

export const toMessageView = (message: WebhookMessage): MessageView => ({
  id: message.id,
  eventType: message.eventType,
  status: message.status,
  attempts: message.attemptCount,
  nextAttempt: message.nextAttemptAt,
  lastAttempt: message.lastAttemptAt,
  created: message.created,
});

export const toAttemptView = (attempt: WebhookAttempt): AttemptView => ({
  id: attempt.id,
  at: attempt.attemptedAt,
  statusCode: attempt.statusCode,
  latencyMs: attempt.latencyMs,
  succeeded: attempt.succeeded,
  response: attempt.responseSnippet,
});
