import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';

/**
 * Deletes an API key. Codat's spec allows deleting the last key (and the key in use); so do we,
 * because a leaked key must be revocable at once. The key stays revoked: its hash is recorded, so
 * a restart with the same DOORWAY_API_KEY does not bring it back. A new one can be made with
 * POST /apiKeys, or by restarting with a new DOORWAY_API_KEY.
 */
export async function deleteApiKey(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, apiKeyId: string): Promise<void> {
  const revokedAt = toIso(deps.clock.now());
  const deleted = await deps.store.transaction((tx) => tx.apiKeys.revoke(actor.clientId, apiKeyId, revokedAt));
  if (!deleted) throw new AppError('NOT_FOUND', `No API key was found with ID ${apiKeyId}.`);
}
