import type { Client } from '../../domain/client.js';
import { requireClient } from '../clients/require-client.js';
import type { Actor, ServiceDeps } from '../deps.js';

export function getProfile(deps: Pick<ServiceDeps, 'store'>, actor: Actor): Promise<Client> {
  return requireClient(deps.store, actor.clientId);
}
