import { toIso } from '../../domain/clock.js';
import { MAX_API_KEYS_PER_CLIENT, type ApiKey } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { generateApiKey, hashApiKey, maskApiKey } from '../../security/api-keys.js';
import type { Actor, ServiceDeps } from '../deps.js';

export const MAX_API_KEY_NAME_LENGTH = 50;

/** Creates an API key. The key is returned once; only its hash is stored. */
export async function createApiKey(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  input: { name?: string | null | undefined; apiKey?: string | undefined },
): Promise<{ key: ApiKey; apiKey: string }> {
  const name = input.name ?? null;
  if (name !== null && name.length > MAX_API_KEY_NAME_LENGTH) {
    const message = `Max string length (${MAX_API_KEY_NAME_LENGTH}) for name reached.`;
    throw new AppError('BAD_REQUEST', message, { validation: [{ itemId: 'name', message, validatorName: 'maxLength' }] });
  }
  const apiKey = input.apiKey ?? generateApiKey();
  const key: ApiKey = { id: newId(), clientId: actor.clientId, name, keyHint: maskApiKey(apiKey), created: toIso(deps.clock.now()) };
  await deps.store.transaction(async (tx) => {
    if ((await tx.apiKeys.count(actor.clientId)) >= MAX_API_KEYS_PER_CLIENT) {
      throw new AppError('CONFLICT', `A client can have at most ${MAX_API_KEYS_PER_CLIENT} API keys. Delete one first.`);
    }
    await tx.apiKeys.insert(key, hashApiKey(apiKey));
  });
  return { key, apiKey };
}
