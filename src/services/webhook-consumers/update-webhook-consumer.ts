import { toIso } from '../../domain/clock.js';
import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { checkConsumerSettings } from './check-consumer-settings.js';
import { requireWebhookConsumer } from './require-webhook-consumer.js';

export interface UpdateWebhookConsumerInput {
  disabled?: boolean | undefined;
  url?: string | undefined;
  eventTypes?: string[] | undefined;
  /** null clears the filter (every company's events). */
  companyTags?: string[] | null | undefined;
}

/**
 * Doorway extension: edit a consumer (what is given changes; the rest stays, and is checked by
 * the same rules as on create), and enable or disable it. Re-enabling resumes its pending
 * messages (they were kept, not dropped) and clears an automatic disable. The signing secret
 * is untouched (see rotateSigningSecret).
 */
export async function updateWebhookConsumer(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  webhookId: string,
  input: UpdateWebhookConsumerInput,
): Promise<WebhookConsumer> {
  return deps.store.transaction(async (tx) => {
    const consumer = await requireWebhookConsumer(tx, actor.clientId, webhookId);
    const settings = checkConsumerSettings({
      url: input.url ?? consumer.url,
      eventTypes: input.eventTypes ?? consumer.eventTypes,
      companyTags: input.companyTags === undefined ? consumer.companyTags : input.companyTags,
    });
    const disabled = input.disabled ?? consumer.disabled;
    const disabling = input.disabled !== undefined;
    const updated: WebhookConsumer = {
      ...consumer,
      ...settings,
      disabled,
      disabledReason: !disabling ? consumer.disabledReason : disabled ? 'Disabled by the client.' : null,
      failingSince: disabling && !disabled ? null : consumer.failingSince,
      modified: toIso(deps.clock.now()),
    };
    await tx.webhookConsumers.update(updated);
    return updated;
  });
}
