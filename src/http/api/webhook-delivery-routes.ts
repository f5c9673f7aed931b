import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { MESSAGE_STATUSES, type WebhookAttempt, type WebhookMessage } from '../../domain/webhook-message.js';
import type { ServiceDeps } from '../../services/deps.js';
import { getSigningSecret, rotateSigningSecret } from '../../services/webhook-consumers/signing-secret.js';
import { updateWebhookConsumer } from '../../services/webhook-consumers/update-webhook-consumer.js';
import {
  listMessageAttempts,
  listWebhookMessages,
  recoverFailedMessages,
  resendMessage,
  sendTestEvent,
} from '../../services/webhook-consumers/webhook-messages.js';
import type { HttpEnv } from '../env.js';
import { pagingLinks, toWebhookConsumerOut } from './mappers.js';
import { errorResponses, json, jsonBody, SECURITY } from './route-helpers.js';
import { WebhookConsumerSchema } from './wire-schemas.js';

const WebhookIdParam = z.object({ webhookId: z.string().openapi({ param: { name: 'webhookId', in: 'path' } }) });
const MessageParams = WebhookIdParam.extend({ messageId: z.string().openapi({ param: { name: 'messageId', in: 'path' } }) });

const SecretSchema = z.object({ key: z.string().openapi({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) }).openapi('WebhookSigningSecret');
const MessageSchema = z
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
const AttemptSchema = z
  .object({
    id: z.string(),
    timestamp: z.string(),
    responseStatusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    response: z.string().openapi({ description: 'First bytes of the response body, or the delivery error.' }),
    status: z.enum(['Success', 'Failure']),
  })
  .openapi('WebhookAttempt');

const toMessageOut = (m: WebhookMessage): z.infer<typeof MessageSchema> => ({
  id: m.id,
  eventId: m.eventId,
  eventType: m.eventType,
  status: m.status,
  attempts: m.attemptCount,
  nextAttempt: m.nextAttemptAt,
  lastAttempt: m.lastAttemptAt,
  created: m.created,
});
const toAttemptOut = (a: WebhookAttempt): z.infer<typeof AttemptSchema> => ({
  id: a.id,
  timestamp: a.attemptedAt,
  responseStatusCode: a.statusCode,
  latencyMs: a.latencyMs,
  response: a.responseSnippet,
  status: a.succeeded ? 'Success' : 'Failure',
});

/** Doorway extensions for webhook delivery, in Codat's style (Svix's operations in Codat's Portal). */
export function registerWebhookDeliveryRoutes(api: OpenAPIHono<HttpEnv>, deps: ServiceDeps): void {
  const tags = ['Webhooks', 'Doorway extensions'];
  api.openapi(
    createRoute({
      method: 'patch', path: '/webhooks/{webhookId}', operationId: 'update-webhook-consumer', tags, security: SECURITY,
      summary: 'Enable or disable a consumer (Doorway extension)', description: 'Re-enabling resumes its pending messages.',
      request: { params: WebhookIdParam, body: jsonBody(z.object({ disabled: z.boolean() })) },
      responses: { 200: json(WebhookConsumerSchema, 'The consumer'), ...errorResponses(400, 404) },
    }),
    async (c) => c.json(toWebhookConsumerOut(await updateWebhookConsumer(deps, c.get('actor'), c.req.valid('param').webhookId, c.req.valid('json'))), 200),
  );
  api.openapi(
    createRoute({
      method: 'get', path: '/webhooks/{webhookId}/secret', operationId: 'get-webhook-signing-secret', tags, security: SECURITY,
      summary: 'Get the signing secret (Doorway extension)', description: 'Verify deliveries with it using any Standard Webhooks or Svix library.',
      request: { params: WebhookIdParam },
      responses: { 200: json(SecretSchema, 'The secret'), ...errorResponses(404) },
    }),
    async (c) => c.json({ key: await getSigningSecret(deps, c.get('actor'), c.req.valid('param').webhookId) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'post', path: '/webhooks/{webhookId}/secret/rotate', operationId: 'rotate-webhook-signing-secret', tags, security: SECURITY,
      summary: 'Rotate the signing secret (Doorway extension)', description: 'The old secret keeps signing alongside the new one for 24 hours.',
      request: { params: WebhookIdParam },
      responses: { 200: json(SecretSchema, 'The new secret'), ...errorResponses(404) },
    }),
    async (c) => c.json({ key: await rotateSigningSecret(deps, c.get('actor'), c.req.valid('param').webhookId) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'get', path: '/webhooks/{webhookId}/messages', operationId: 'list-webhook-messages', tags, security: SECURITY,
      summary: 'List messages (Doorway extension)', description: 'Newest first. Messages are kept 30 days (configurable).',
      request: {
        params: WebhookIdParam,
        query: z.object({
          status: z.enum(MESSAGE_STATUSES).optional(),
          page: z.coerce.number().int().min(1).optional(),
          pageSize: z.coerce.number().int().min(1).max(5000).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({ results: z.array(MessageSchema), pageNumber: z.number(), pageSize: z.number(), totalResults: z.number(), _links: z.unknown() }).openapi('WebhookMessages'),
          'A page of messages',
        ),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { webhookId } = c.req.valid('param');
      const result = await listWebhookMessages(deps, c.get('actor'), webhookId, c.req.valid('query'));
      return c.json(
        {
          results: result.items.map(toMessageOut),
          pageNumber: result.page,
          pageSize: result.pageSize,
          totalResults: result.total,
          _links: pagingLinks(`/webhooks/${webhookId}/messages`, new URL(c.req.url).searchParams, result.page, result.pageSize, result.total),
        },
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: 'get', path: '/webhooks/{webhookId}/messages/{messageId}/attempts', operationId: 'list-webhook-message-attempts', tags,
      security: SECURITY, summary: 'List attempts of a message (Doorway extension)',
      request: { params: MessageParams },
      responses: { 200: json(z.object({ results: z.array(AttemptSchema) }).openapi('WebhookAttempts'), 'Attempts, oldest first'), ...errorResponses(404) },
    }),
    async (c) => {
      const { webhookId, messageId } = c.req.valid('param');
      return c.json({ results: (await listMessageAttempts(deps, c.get('actor'), webhookId, messageId)).map(toAttemptOut) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'post', path: '/webhooks/{webhookId}/messages/{messageId}/resend', operationId: 'resend-webhook-message', tags, security: SECURITY,
      summary: 'Resend a message (Doorway extension)', request: { params: MessageParams },
      responses: { 202: { description: 'Queued for delivery now' }, ...errorResponses(404) },
    }),
    async (c) => {
      const { webhookId, messageId } = c.req.valid('param');
      await resendMessage(deps, c.get('actor'), webhookId, messageId);
      return c.body(null, 202);
    },
  );
  api.openapi(
    createRoute({
      method: 'post', path: '/webhooks/{webhookId}/recover', operationId: 'recover-webhook-messages', tags, security: SECURITY,
      summary: 'Recover failed messages since a date (Doorway extension)',
      request: { params: WebhookIdParam, body: jsonBody(z.object({ since: z.string().openapi({ example: '2026-11-01T00:00:00Z' }) })) },
      responses: { 202: json(z.object({ recovered: z.number().int() }), 'How many messages were queued again'), ...errorResponses(400, 404) },
    }),
    async (c) => c.json({ recovered: await recoverFailedMessages(deps, c.get('actor'), c.req.valid('param').webhookId, c.req.valid('json').since) }, 202),
  );
  api.openapi(
    createRoute({
      method: 'post', path: '/webhooks/{webhookId}/test', operationId: 'send-webhook-test-event', tags, security: SECURITY,
      summary: 'Send a test event (Doorway extension)', description: 'Sends a `webhook.test` event to this consumer only.',
      request: { params: WebhookIdParam },
      responses: { 202: json(MessageSchema, 'The queued message'), ...errorResponses(404) },
    }),
    async (c) => c.json(toMessageOut(await sendTestEvent(deps, c.get('actor'), c.req.valid('param').webhookId)), 202),
  );
}
