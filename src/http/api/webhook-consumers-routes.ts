import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../services/deps.js';
import { createWebhookConsumer } from '../../services/webhook-consumers/create-webhook-consumer.js';
import { deleteWebhookConsumer } from '../../services/webhook-consumers/delete-webhook-consumer.js';
import { listWebhookConsumers } from '../../services/webhook-consumers/list-webhook-consumers.js';
import type { HttpEnv } from '../env.js';
import { toWebhookConsumerOut } from './mappers.js';
import { errorResponses, json, jsonBody, SECURITY } from './route-helpers.js';
import { WebhookConsumerSchema } from './wire-schemas.js';

const WebhookConsumerPrototype = z
  .object({
    url: z.string().max(2000).openapi({ example: 'https://example.com/webhooks/codat' }),
    eventTypes: z.array(z.string().max(100)).max(100).openapi({ example: ['connection.connected'] }),
    disabled: z.boolean().nullable().optional(),
    companyTags: z.array(z.string().max(128)).nullable().optional().openapi({ example: ['region:uk'] }),
  })
  .openapi('WebhookConsumerPrototype');

const WebhookIdParam = z.object({ webhookId: z.string().openapi({ param: { name: 'webhookId', in: 'path' } }) });

export function registerWebhookConsumerRoutes(api: OpenAPIHono<HttpEnv>, deps: ServiceDeps): void {
  const tags = ['Webhooks'];
  api.openapi(
    createRoute({
      method: 'get', path: '/webhooks', operationId: 'list-webhook-consumers', tags, security: SECURITY, summary: 'List webhook consumers',
      responses: { 200: json(z.object({ results: z.array(WebhookConsumerSchema) }).openapi('WebhookConsumers'), 'Consumers'), ...errorResponses(400) },
    }),
    async (c) => c.json({ results: (await listWebhookConsumers(deps, c.get('actor'))).map(toWebhookConsumerOut) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'post', path: '/webhooks', operationId: 'create-webhook-consumer', tags, security: SECURITY, summary: 'Create webhook consumer',
      request: { body: jsonBody(WebhookConsumerPrototype) },
      responses: { 201: json(WebhookConsumerSchema, 'The new consumer'), ...errorResponses(400, 409) },
    }),
    async (c) => c.json(toWebhookConsumerOut(await createWebhookConsumer(deps, c.get('actor'), c.req.valid('json'))), 201),
  );
  api.openapi(
    createRoute({
      method: 'delete', path: '/webhooks/{webhookId}', operationId: 'delete-webhook-consumer', tags, security: SECURITY, summary: 'Delete webhook consumer',
      request: { params: WebhookIdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
    }),
    async (c) => {
      await deleteWebhookConsumer(deps, c.get('actor'), c.req.valid('param').webhookId);
      return c.body(null, 204);
    },
  );
}
