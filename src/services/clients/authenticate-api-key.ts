import { AppError } from '../../domain/errors.js';
import { apiKeyFromAuthorizationHeader, hashApiKey } from '../../security/api-keys.js';
import type { Actor, ServiceDeps } from '../deps.js';

/** Resolves `Authorization: Basic base64(apiKey)` to the client it belongs to, or 401. */
export async function authenticateApiKey(deps: Pick<ServiceDeps, 'store'>, authorization: string | undefined): Promise<Actor> {
  const apiKey = apiKeyFromAuthorizationHeader(authorization);
  const clientId = apiKey === undefined ? undefined : await deps.store.apiKeys.findClientIdByHash(hashApiKey(apiKey));
  if (!clientId) throw new AppError('UNAUTHORIZED');
  return { clientId };
}
