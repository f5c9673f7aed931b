import { toIso } from '../../domain/clock.js';
import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireWebhookConsumer } from './require-webhook-consumer.js';

/**
 * Doorway extension: enable or disable a consumer. Re-enabling resumes its pending messages
 * (they were kept, not dropped) and clears an automatic disable.
 */
export async function updateWebhookConsumer(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  webhookId: string,
  input: { disabled: boolean },
): Promise<WebhookConsumer> {
  return deps.store.transaction(async (tx) => {
    const consumer = await requireWebhookConsumer(tx, actor.clientId, webhookId);
    const updated: WebhookConsumer = {
      ...consumer,
      disabled: input.disabled,
      disabledReason: input.disabled ? 'Disabled by the client.' : null,
      failingSince: input.disabled ? consumer.failingSince : null,
      modified: toIso(deps.clock.now()),
    };
    await tx.webhookConsumers.update(updated);
    return updated;
  });
}
