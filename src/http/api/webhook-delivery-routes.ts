import type { OpenAPIHono } from '@hono/zod-openapi';
import { getSigningSecret, rotateSigningSecret } from '../../services/webhook-consumers/signing-secret.js';
import { updateWebhookConsumer } from '../../services/webhook-consumers/update-webhook-consumer.js';
import {
  listMessageAttempts,
  listWebhookMessages,
  recoverFailedMessages,
  resendMessage,
  sendTestEvent,
} from '../../services/webhook-consumers/webhook-messages.js';
import { toPageOut } from '../../wire/codat/paging.js';
import { WebhookIdParam, WebhookMessageParams } from '../../wire/codat/params.js';
import {
  RecoveredMessagesSchema,
  RecoverMessagesBody,
  toWebhookAttemptOut,
  toWebhookConsumerOut,
  toWebhookMessageOut,
  WebhookAttemptsSchema,
  WebhookConsumerSchema,
  WebhookConsumerUpdate,
  WebhookMessageSchema,
  WebhookMessagesQuery,
  WebhookMessagesSchema,
  WebhookSigningSecretSchema,
} from '../../wire/codat/webhooks.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, errorResponses, getById, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Webhooks', 'Doorway extensions']);

/** Doorway extensions for webhook delivery, in Codat's style (Svix's operations in Codat's Portal). */
export function registerWebhookDeliveryRoutes(api: OpenAPIHono<HttpEnv>): void {
  api.openapi(
    route({
      method: 'patch', path: '/webhooks/{webhookId}', operationId: 'update-webhook-consumer', summary: 'Update, enable or disable a consumer (Doorway extension)', description: 'Changes what is given (url, eventTypes, companyTags, disabled). Re-enabling resumes its pending messages.',
      request: { params: WebhookIdParam, body: jsonBody(WebhookConsumerUpdate) },
      responses: { 200: json(WebhookConsumerSchema, 'The consumer'), ...errorResponses(400, 404) },
    }),
    async (c) => c.json(toWebhookConsumerOut(await updateWebhookConsumer(c.var.deps, c.get('actor'), c.req.valid('param').webhookId, c.req.valid('json'))), 200),
  );
  api.openapi(
    route(
      getById({
        path: '/webhooks/{webhookId}/secret', operationId: 'get-webhook-signing-secret', summary: 'Get the signing secret (Doorway extension)', description: 'Verify deliveries with it using any Standard Webhooks or Svix library.',
        params: WebhookIdParam, schema: WebhookSigningSecretSchema, found: 'The secret',
      }),
    ),
    async (c) => c.json({ key: await getSigningSecret(c.var.deps, c.get('actor'), c.req.valid('param').webhookId) }, 200),
  );
  api.openapi(
    route({
      method: 'post', path: '/webhooks/{webhookId}/secret/rotate', operationId: 'rotate-webhook-signing-secret', summary: 'Rotate the signing secret (Doorway extension)', description: 'The old secret keeps signing alongside the new one for 24 hours.',
      request: { params: WebhookIdParam },
      responses: { 200: json(WebhookSigningSecretSchema, 'The new secret'), ...errorResponses(404) },
    }),
    async (c) => c.json({ key: await rotateSigningSecret(c.var.deps, c.get('actor'), c.req.valid('param').webhookId) }, 200),
  );
  api.openapi(
    route({
      method: 'get', path: '/webhooks/{webhookId}/messages', operationId: 'list-webhook-messages', summary: 'List messages (Doorway extension)', description: 'Newest first. Messages are kept 30 days (configurable).',
      request: {
        params: WebhookIdParam,
        query: WebhookMessagesQuery,
      },
      responses: {
        200: json(WebhookMessagesSchema, 'A page of messages'),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { webhookId } = c.req.valid('param');
      const result = await listWebhookMessages(c.var.deps, c.get('actor'), webhookId, c.req.valid('query'));
      return c.json(toPageOut(result, toWebhookMessageOut, `/webhooks/${webhookId}/messages`, new URL(c.req.url).searchParams), 200);
    },
  );
  api.openapi(
    route({
      method: 'get', path: '/webhooks/{webhookId}/messages/{messageId}/attempts', operationId: 'list-webhook-message-attempts', summary: 'List attempts of a message (Doorway extension)',
      request: { params: WebhookMessageParams },
      responses: { 200: json(WebhookAttemptsSchema, 'Attempts, oldest first'), ...errorResponses(404) },
    }),
    async (c) => {
      const { webhookId, messageId } = c.req.valid('param');
      return c.json({ results: (await listMessageAttempts(c.var.deps, c.get('actor'), webhookId, messageId)).map(toWebhookAttemptOut) }, 200);
    },
  );
  api.openapi(
    route({
      method: 'post', path: '/webhooks/{webhookId}/messages/{messageId}/resend', operationId: 'resend-webhook-message', summary: 'Resend a message (Doorway extension)', request: { params: WebhookMessageParams },
      responses: { 202: { description: 'Queued for delivery now' }, ...errorResponses(404) },
    }),
    async (c) => {
      const { webhookId, messageId } = c.req.valid('param');
      await resendMessage(c.var.deps, c.get('actor'), webhookId, messageId);
      return c.body(null, 202);
    },
  );
  api.openapi(
    route({
      method: 'post', path: '/webhooks/{webhookId}/recover', operationId: 'recover-webhook-messages', summary: 'Recover failed messages since a date (Doorway extension)',
      request: { params: WebhookIdParam, body: jsonBody(RecoverMessagesBody) },
      responses: { 202: json(RecoveredMessagesSchema, 'How many messages were queued again'), ...errorResponses(400, 404) },
    }),
    async (c) => c.json({ recovered: await recoverFailedMessages(c.var.deps, c.get('actor'), c.req.valid('param').webhookId, c.req.valid('json').since) }, 202),
  );
  api.openapi(
    route({
      method: 'post', path: '/webhooks/{webhookId}/test', operationId: 'send-webhook-test-event', summary: 'Send a test event (Doorway extension)', description: 'Sends a `webhook.test` event to this consumer only.',
      request: { params: WebhookIdParam },
      responses: { 202: json(WebhookMessageSchema, 'The queued message'), ...errorResponses(404) },
    }),
    async (c) => c.json(toWebhookMessageOut(await sendTestEvent(c.var.deps, c.get('actor'), c.req.valid('param').webhookId)), 202),
  );
}
