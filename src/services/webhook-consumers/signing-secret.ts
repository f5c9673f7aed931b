import { toIso } from '../../domain/clock.js';
import { SECRET_ROTATION_OVERLAP_MS } from '../../domain/webhook-message.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { newSigningSecret } from './create-webhook-consumer.js';
import { requireWebhookConsumer } from './require-webhook-consumer.js';
import { SEALING } from '../../security/sealing-contexts.js';

/** The consumer's current Standard Webhooks secret (`whsec_…`), for the receiver to verify with. */
export async function getSigningSecret(deps: Pick<ServiceDeps, 'store' | 'secrets'>, actor: Actor, webhookId: string): Promise<string> {
  const consumer = await requireWebhookConsumer(deps.store, actor.clientId, webhookId);
  return deps.secrets.open(consumer.secretSealed, SEALING.webhookSecret(consumer.id));
}

/**
 * Replaces the signing secret. For 24 hours every message is signed with both the new and the
 * old secret, so receivers can switch over without dropping a single delivery.
 */
export async function rotateSigningSecret(deps: Pick<ServiceDeps, 'store' | 'secrets' | 'clock'>, actor: Actor, webhookId: string): Promise<string> {
  return deps.store.transaction(async (tx) => {
    const consumer = await requireWebhookConsumer(tx, actor.clientId, webhookId);
    const now = deps.clock.now();
    const secret = newSigningSecret();
    await tx.webhookConsumers.update({
      ...consumer,
      secretSealed: deps.secrets.seal(secret, SEALING.webhookSecret(consumer.id)),
      previousSecretSealed: consumer.secretSealed,
      previousSecretExpiresAt: toIso(new Date(now.getTime() + SECRET_ROTATION_OVERLAP_MS)),
      modified: toIso(now),
    });
    return secret;
  });
}
