import { z } from '@hono/zod-openapi';
import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import { MESSAGE_STATUSES, type WebhookAttempt, type WebhookMessage } from '../../domain/webhook-message.js';

/** Codat's webhook consumers, plus Doorway's delivery extensions (Svix's operations in Codat's Portal). */
export const WebhookConsumerSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    disabled: z.boolean().nullable(),
    eventTypes: z.array(z.string()),
    companyTags: z.array(z.string()).nullable(),
    disabledReason: z
      .string()
      .nullable()
      .openapi({ description: 'Doorway extension: why the consumer is disabled, e.g. after 5 days of failed deliveries.' }),
  })
  .openapi('WebhookConsumer');

export const WebhookConsumersSchema = z.object({ results: z.array(WebhookConsumerSchema) }).openapi('WebhookConsumers');

export const WebhookConsumerPrototype = z
  .object({
    url: z.string().max(2000).openapi({ example: 'https://example.com/webhooks/codat' }),
    eventTypes: z.array(z.string().max(100)).max(100).openapi({ example: ['connection.connected'] }),
    disabled: z.boolean().nullable().optional(),
    companyTags: z.array(z.string().max(128)).nullable().optional().openapi({ example: ['region:uk'] }),
  })
  .openapi('WebhookConsumerPrototype');

/** Doorway extension: what is given changes (the Portal's edit form uses the same use-case). */
export const WebhookConsumerUpdate = z
  .object({
    disabled: z.boolean().optional(),
    url: WebhookConsumerPrototype.shape.url.optional(),
    eventTypes: WebhookConsumerPrototype.shape.eventTypes.optional(),
    companyTags: z.array(z.string().max(128)).nullable().optional().openapi({ description: 'null removes the filter.' }),
  })
  .openapi('WebhookConsumerUpdate');

export const WebhookSigningSecretSchema = z
  .object({ key: z.string().openapi({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) })
  .openapi('WebhookSigningSecret');

export const WebhookMessageSchema = z
  .object({
    id: z.string().openapi({ description: 'Also the `webhook-id` header of every attempt.' }),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(MESSAGE_STATUSES),
    attempts: z.number().int(),
    nextAttempt: z.string().nullable(),
    lastAttempt: z.string().nullable(),
    created: z.string(),
  })
  .openapi('WebhookMessage');

/** Kept as first published: its `_links` is untyped and its counts plain numbers, unlike `pageOf`. */
export const WebhookMessagesSchema = z
  .object({ results: z.array(WebhookMessageSchema), pageNumber: z.number(), pageSize: z.number(), totalResults: z.number(), _links: z.unknown() })
  .openapi('WebhookMessages');

export const WebhookMessagesQuery = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(5000).optional(),
});

export const WebhookAttemptSchema = z
  .object({
    id: z.string(),
    timestamp: z.string(),
    responseStatusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    response: z.string().openapi({ description: 'First bytes of the response body, or the delivery error.' }),
    status: z.enum(['Success', 'Failure']),
  })
  .openapi('WebhookAttempt');

export const WebhookAttemptsSchema = z.object({ results: z.array(WebhookAttemptSchema) }).openapi('WebhookAttempts');

export const RecoverMessagesBody = z.object({ since: z.string().openapi({ example: '2026-11-01T00:00:00Z' }) });
export const RecoveredMessagesSchema = z.object({ recovered: z.number().int() });

export function toWebhookConsumerOut(consumer: WebhookConsumer): z.infer<typeof WebhookConsumerSchema> {
  return {
    id: consumer.id,
    url: consumer.url,
    disabled: consumer.disabled,
    eventTypes: consumer.eventTypes,
    companyTags: consumer.companyTags,
    disabledReason: consumer.disabled ? consumer.disabledReason : null,
  };
}

export const toWebhookMessageOut = (m: WebhookMessage): z.infer<typeof WebhookMessageSchema> => ({
  id: m.id,
  eventId: m.eventId,
  eventType: m.eventType,
  status: m.status,
  attempts: m.attemptCount,
  nextAttempt: m.nextAttemptAt,
  lastAttempt: m.lastAttemptAt,
  created: m.created,
});

export const toWebhookAttemptOut = (a: WebhookAttempt): z.infer<typeof WebhookAttemptSchema> => ({
  id: a.id,
  timestamp: a.attemptedAt,
  responseStatusCode: a.statusCode,
  latencyMs: a.latencyMs,
  response: a.responseSnippet,
  status: a.succeeded ? 'Success' : 'Failure',
});
