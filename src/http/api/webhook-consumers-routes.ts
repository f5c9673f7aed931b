import type { OpenAPIHono } from '@hono/zod-openapi';
import { createWebhookConsumer } from '../../services/webhook-consumers/create-webhook-consumer.js';
import { deleteWebhookConsumer } from '../../services/webhook-consumers/delete-webhook-consumer.js';
import { listWebhookConsumers } from '../../services/webhook-consumers/list-webhook-consumers.js';
import { WebhookIdParam } from '../../wire/codat/params.js';
import { toWebhookConsumerOut, WebhookConsumerPrototype, WebhookConsumerSchema, WebhookConsumersSchema } from '../../wire/codat/webhooks.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, deleteById, errorResponses, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Webhooks']);

export function registerWebhookConsumerRoutes(api: OpenAPIHono<HttpEnv>): void {
  api.openapi(
    route({
      method: 'get', path: '/webhooks', operationId: 'list-webhook-consumers', summary: 'List webhook consumers',
      responses: { 200: json(WebhookConsumersSchema, 'Consumers'), ...errorResponses(400) },
    }),
    async (c) => c.json({ results: (await listWebhookConsumers(c.var.deps, c.get('actor'))).map(toWebhookConsumerOut) }, 200),
  );
  api.openapi(
    route({
      method: 'post', path: '/webhooks', operationId: 'create-webhook-consumer', summary: 'Create webhook consumer',
      request: { body: jsonBody(WebhookConsumerPrototype) },
      responses: { 201: json(WebhookConsumerSchema, 'The new consumer'), ...errorResponses(400, 409) },
    }),
    async (c) => c.json(toWebhookConsumerOut(await createWebhookConsumer(c.var.deps, c.get('actor'), c.req.valid('json'))), 201),
  );
  api.openapi(
    route(deleteById({ path: '/webhooks/{webhookId}', operationId: 'delete-webhook-consumer', summary: 'Delete webhook consumer', params: WebhookIdParam })),
    async (c) => {
      await deleteWebhookConsumer(c.var.deps, c.get('actor'), c.req.valid('param').webhookId);
      return c.body(null, 204);
    },
  );
}
