import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';

/**
 * Deletes an API key. Codat's spec allows deleting the last key (and the key in use); so do we,
 * because a leaked key must be revocable at once. A new one can be made from the Portal or by
 * restarting with DOORWAY_API_KEY.
 */
export async function deleteApiKey(deps: Pick<ServiceDeps, 'store'>, actor: Actor, apiKeyId: string): Promise<void> {
  const deleted = await deps.store.apiKeys.delete(actor.clientId, apiKeyId);
  if (!deleted) throw new AppError('NOT_FOUND', `No API key was found with ID ${apiKeyId}.`);
}
