import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import type { Actor, ServiceDeps } from '../deps.js';

export function listWebhookConsumers(deps: Pick<ServiceDeps, 'store'>, actor: Actor): Promise<WebhookConsumer[]> {
  return deps.store.webhookConsumers.list(actor.clientId);
}
