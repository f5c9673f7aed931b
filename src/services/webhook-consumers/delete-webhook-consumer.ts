import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor, ServiceDeps } from '../deps.js';

export async function deleteWebhookConsumer(deps: Pick<ServiceDeps, 'store'>, actor: Actor, webhookId: string): Promise<void> {
  const deleted = isUuid(webhookId) && (await deps.store.webhookConsumers.delete(actor.clientId, webhookId));
  if (!deleted) throw new AppError('NOT_FOUND', `No webhook consumer was found with ID ${webhookId}.`);
}
