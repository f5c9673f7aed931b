import { toIso } from '../../domain/clock.js';
import { newClient, type Client } from '../../domain/client.js';
import { newId } from '../../domain/ids.js';
import { hashApiKey } from '../../security/api-keys.js';
import { createApiKey } from '../api-keys/create-api-key.js';
import type { ServiceDeps } from '../deps.js';

export interface DefaultClientResult {
  client: Client;
  /** Set only when a key was generated now: the caller prints it once. */
  generatedApiKey: string | undefined;
  /** DOORWAY_API_KEY is set to a key that was revoked (DELETE /apiKeys): it was not recreated. */
  configuredApiKeyRevoked: boolean;
}

export const DEFAULT_CLIENT_SLUG = 'default';

/**
 * First start: create the default client and its API key (DOORWAY_API_KEY if given, so
 * deployments can automate; otherwise a random key the caller prints once). Later starts only
 * make sure a configured DOORWAY_API_KEY exists, unless it was revoked: a revoked key stays
 * revoked, and the caller says so (the service still starts, for its other keys). Safe when several processes start at once:
 * the client slug is unique, and a loser of that race just reads the winner's row.
 */
export async function ensureDefaultClient(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  configuredApiKey: string | undefined,
): Promise<DefaultClientResult> {
  let client = await deps.store.clients.findBySlug(DEFAULT_CLIENT_SLUG);
  let created = false;
  if (!client) {
    const candidate = newClient(newId(), 'Doorway', DEFAULT_CLIENT_SLUG, toIso(deps.clock.now()));
    try {
      await deps.store.clients.insert(candidate);
      client = candidate;
      created = true;
    } catch (error) {
      client = await deps.store.clients.findBySlug(DEFAULT_CLIENT_SLUG);
      if (!client) throw error;
    }
  }
  const actor = { clientId: client.id };
  if (configuredApiKey !== undefined) {
    const hash = hashApiKey(configuredApiKey);
    if (await deps.store.apiKeys.findClientIdByHash(hash)) return { client, generatedApiKey: undefined, configuredApiKeyRevoked: false };
    if (await deps.store.apiKeys.isRevoked(hash)) return { client, generatedApiKey: undefined, configuredApiKeyRevoked: true };
    await createApiKey(deps, actor, { name: 'DOORWAY_API_KEY', apiKey: configuredApiKey }).catch(ignoreDuplicate);
    return { client, generatedApiKey: undefined, configuredApiKeyRevoked: false };
  }
  if (!created) return { client, generatedApiKey: undefined, configuredApiKeyRevoked: false };
  const { apiKey } = await createApiKey(deps, actor, { name: 'default' });
  return { client, generatedApiKey: apiKey, configuredApiKeyRevoked: false };
}

/** Another process inserted the same configured key first: that is the outcome we wanted. */
async function ignoreDuplicate(error: unknown): Promise<void> {
  if (!/unique|duplicate/i.test(String(error))) throw error;
}
