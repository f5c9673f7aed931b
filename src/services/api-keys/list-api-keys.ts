import type { ApiKey } from '../../domain/client.js';
import type { Actor, ServiceDeps } from '../deps.js';

export function listApiKeys(deps: Pick<ServiceDeps, 'store'>, actor: Actor): Promise<ApiKey[]> {
  return deps.store.apiKeys.list(actor.clientId);
}
