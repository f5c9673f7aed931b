import { randomBytes } from 'node:crypto';
import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { MAX_WEBHOOK_CONSUMERS_PER_CLIENT, type WebhookConsumer } from '../../domain/webhook-consumer.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { SEALING } from '../../security/sealing-contexts.js';
import { checkConsumerSettings } from './check-consumer-settings.js';

export interface CreateWebhookConsumerInput {
  url: string;
  eventTypes: string[];
  disabled?: boolean | null | undefined;
  companyTags?: string[] | null | undefined;
}

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Registers an endpoint (settings checked by `checkConsumerSettings`). A fresh Standard Webhooks
 * secret (`whsec_…`) is generated and sealed at rest.
 */
export async function createWebhookConsumer(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'secrets'>,
  actor: Actor,
  input: CreateWebhookConsumerInput,
): Promise<WebhookConsumer> {
  const settings = checkConsumerSettings(input);
  const now = toIso(deps.clock.now());
  const id = newId();
  const consumer: WebhookConsumer = {
    id,
    clientId: actor.clientId,
    ...settings,
    disabled: input.disabled ?? false,
    secretSealed: deps.secrets.seal(newSigningSecret(), SEALING.webhookSecret(id)),
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    disabledReason: null,
    created: now,
    modified: now,
  };
  await deps.store.transaction(async (tx) => {
    if ((await tx.webhookConsumers.count(actor.clientId)) >= MAX_WEBHOOK_CONSUMERS_PER_CLIENT) {
      throw new AppError('CONFLICT', `A client can have at most ${MAX_WEBHOOK_CONSUMERS_PER_CLIENT} webhook consumers.`);
    }
    await tx.webhookConsumers.insert(consumer);
  });
  return consumer;
}
