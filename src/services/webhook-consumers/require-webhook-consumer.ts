import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import type { Store } from '../../storage/ports.js';

export async function requireWebhookConsumer(store: Store, clientId: string, webhookId: string): Promise<WebhookConsumer> {
  const consumer = isUuid(webhookId) ? await store.webhookConsumers.findById(clientId, webhookId) : undefined;
  if (!consumer) throw new AppError('NOT_FOUND', `No webhook consumer was found with ID ${webhookId}.`);
  return consumer;
}
