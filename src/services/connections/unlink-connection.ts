import { toIso } from '../../domain/clock.js';
import { assertUnlinkable, type Connection, type ConnectionStatus } from '../../domain/connection.js';
import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';

/** PATCH `{status: "Unlinked"}`: only a Linked connection can be unlinked; its old data stays readable. */
export async function unlinkConnection(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
  actor: Actor,
  companyId: string,
  connectionId: string,
  requestedStatus: ConnectionStatus,
): Promise<Connection> {
  return deps.store.transaction(async (tx) => {
    const existing = await requireConnection(tx, actor.clientId, companyId, connectionId);
    assertUnlinkable(existing.status, requestedStatus);
    const connection: Connection = { ...existing, status: 'Unlinked', modified: toIso(deps.clock.now()) };
    await tx.connections.update(connection);
    // Not Linked any more: nothing left to keep fresh.
    await tx.tokenRefresh.delete(connection.id);
    await deps.events.publish(tx, { type: 'connection.disconnected', company: await requireCompany(tx, actor.clientId, companyId), connection });
    return connection;
  });
}
