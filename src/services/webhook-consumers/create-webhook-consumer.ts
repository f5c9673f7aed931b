import { randomBytes } from 'node:crypto';
import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { MAX_CONSUMER_COMPANY_TAGS, MAX_WEBHOOK_CONSUMERS_PER_CLIENT, type WebhookConsumer } from '../../domain/webhook-consumer.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { SEALING } from '../../security/sealing-contexts.js';

export interface CreateWebhookConsumerInput {
  url: string;
  eventTypes: string[];
  disabled?: boolean | null | undefined;
  companyTags?: string[] | null | undefined;
}

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9._ ()-]{0,99}$/;

/**
 * Registers an endpoint. Event types are free-form strings (Codat accepted legacy names during
 * its migration), but must look like event names; `companyTags` entries are `tagKey:tagValue`.
 * A fresh Standard Webhooks secret (`whsec_…`) is generated and sealed at rest.
 */
export async function createWebhookConsumer(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'secrets'>,
  actor: Actor,
  input: CreateWebhookConsumerInput,
): Promise<WebhookConsumer> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new AppError('BAD_REQUEST', `url '${input.url}' is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('BAD_REQUEST', 'url must use http or https.');
  if (input.eventTypes.length === 0) throw new AppError('BAD_REQUEST', 'eventTypes must contain at least one event type.');
  const badType = input.eventTypes.find((type) => !EVENT_TYPE_PATTERN.test(type));
  if (badType !== undefined) throw new AppError('BAD_REQUEST', `'${badType}' is not a valid event type.`);
  const companyTags = input.companyTags ?? null;
  if (companyTags) {
    if (companyTags.length > MAX_CONSUMER_COMPANY_TAGS) throw new AppError('BAD_REQUEST', `companyTags can have at most ${MAX_CONSUMER_COMPANY_TAGS} entries.`);
    const badTag = companyTags.find((tag) => tag.length > 128 || !/^[^:]{1,27}:.{0,100}$/.test(tag));
    if (badTag !== undefined) throw new AppError('BAD_REQUEST', `companyTags entry '${badTag}' must look like tagKey:tagValue (at most 128 characters).`);
  }
  const now = toIso(deps.clock.now());
  const id = newId();
  const consumer: WebhookConsumer = {
    id,
    clientId: actor.clientId,
    url: url.toString(),
    disabled: input.disabled ?? false,
    eventTypes: [...new Set(input.eventTypes)],
    companyTags,
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
