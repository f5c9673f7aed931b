import type { Connection } from '../../domain/connection.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';

export function getConnection(deps: Pick<ServiceDeps, 'store'>, actor: Actor, companyId: string, connectionId: string): Promise<Connection> {
  return requireConnection(deps.store, actor.clientId, companyId, connectionId);
}
