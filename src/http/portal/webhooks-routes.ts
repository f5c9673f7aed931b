import type { Hono } from 'hono';
import { EVENT_TYPES } from '../../domain/events.js';
import { MAX_WEBHOOK_CONSUMERS_PER_CLIENT } from '../../domain/webhook-consumer.js';
import { createWebhookConsumer } from '../../services/webhook-consumers/create-webhook-consumer.js';
import { deleteWebhookConsumer } from '../../services/webhook-consumers/delete-webhook-consumer.js';
import { listWebhookConsumers } from '../../services/webhook-consumers/list-webhook-consumers.js';
import { requireWebhookConsumer } from '../../services/webhook-consumers/require-webhook-consumer.js';
import { getSigningSecret, rotateSigningSecret } from '../../services/webhook-consumers/signing-secret.js';
import { updateWebhookConsumer } from '../../services/webhook-consumers/update-webhook-consumer.js';
import { listMessageAttempts, listWebhookMessages, recoverFailedMessages, resendMessage, sendTestEvent } from '../../services/webhook-consumers/webhook-messages.js';
import {
  createConsumerBody,
  messagesQuery,
  recoverBody,
  toAttemptView,
  toConsumerView,
  toMessageView,
  updateConsumerBody,
  type ConsumersView,
  type MessagesView,
  type SigningSecretView,
} from '../../wire/portal/webhooks.js';
import { requireRole } from './portal-auth.js';
import { readPortalBody, readPortalQuery } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

const CONSUMER = '/portal/api/webhooks/:consumerId';

/**
 * The Webhooks pages: consumers (create, edit, disable, delete), the signing secret (revealed
 * only on request, and only to developers, since it lets its holder forge deliveries; rotated),
 * the message log paged in SQL with each message's attempts, resend, recover and the test event.
 * Every route calls the use-case the public API's `/webhooks` routes call, as the user's client.
 */
export function registerWebhooksRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.get('/portal/api/webhooks', async (c) => {
    const consumers = await listWebhookConsumers(deps, c.get('actor'));
    return c.json({ results: consumers.map(toConsumerView), eventTypes: EVENT_TYPES, limit: MAX_WEBHOOK_CONSUMERS_PER_CLIENT } satisfies ConsumersView);
  });
  api.post('/portal/api/webhooks', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, createConsumerBody);
    return c.json(toConsumerView(await createWebhookConsumer(deps, c.get('actor'), body)), 201);
  });
  api.get(CONSUMER, async (c) => c.json(toConsumerView(await requireWebhookConsumer(deps.store, c.get('actor').clientId, c.req.param('consumerId')))));
  api.patch(CONSUMER, async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, updateConsumerBody);
    return c.json(toConsumerView(await updateWebhookConsumer(deps, c.get('actor'), c.req.param('consumerId'), body)));
  });
  api.delete(CONSUMER, async (c) => {
    requireRole(c, 'developer');
    await deleteWebhookConsumer(deps, c.get('actor'), c.req.param('consumerId'));
    return c.body(null, 204);
  });
  api.post(`${CONSUMER}/secret/reveal`, async (c) => {
    requireRole(c, 'developer');
    return c.json({ secret: await getSigningSecret(deps, c.get('actor'), c.req.param('consumerId')) } satisfies SigningSecretView);
  });
  api.post(`${CONSUMER}/secret/rotate`, async (c) => {
    requireRole(c, 'developer');
    return c.json({ secret: await rotateSigningSecret(deps, c.get('actor'), c.req.param('consumerId')) } satisfies SigningSecretView);
  });
  registerMessageRoutes(api, portal);
}

function registerMessageRoutes(api: Hono<PortalEnv>, { deps }: PortalContext): void {
  api.get(`${CONSUMER}/messages`, async (c) => {
    const query = readPortalQuery(c, messagesQuery);
    const found = await listWebhookMessages(deps, c.get('actor'), c.req.param('consumerId'), { pageSize: 20, ...query });
    return c.json({ results: found.items.map(toMessageView), page: found.page, pageSize: found.pageSize, total: found.total } satisfies MessagesView);
  });
  api.get(`${CONSUMER}/messages/:messageId/attempts`, async (c) => {
    const attempts = await listMessageAttempts(deps, c.get('actor'), c.req.param('consumerId'), c.req.param('messageId'));
    return c.json({ results: attempts.map(toAttemptView) });
  });
  api.post(`${CONSUMER}/messages/:messageId/resend`, async (c) => {
    requireRole(c, 'developer');
    await resendMessage(deps, c.get('actor'), c.req.param('consumerId'), c.req.param('messageId'));
    return c.json({ queued: true }, 202);
  });
  api.post(`${CONSUMER}/recover`, async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, recoverBody);
    return c.json({ recovered: await recoverFailedMessages(deps, c.get('actor'), c.req.param('consumerId'), body.since) }, 202);
  });
  api.post(`${CONSUMER}/test`, async (c) => {
    requireRole(c, 'developer');
    return c.json(toMessageView(await sendTestEvent(deps, c.get('actor'), c.req.param('consumerId'))), 202);
  });
}
