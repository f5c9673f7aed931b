import { toIso } from '../../domain/clock.js';
import { assertUnlinkable, type Connection, type ConnectionStatus } from '../../domain/connection.js';
import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';
import { eraseCredentials, revokeAfterCommit, type RevocationDeps } from './revoke-platform-tokens.js';

/**
 * PATCH `{status: "Unlinked"}`: only a Linked connection can be unlinked; its old data stays
 * readable. Its stored credentials are erased in the same transaction, and once that commits its
 * tokens are revoked at the platform (best effort; see revoke-platform-tokens.ts).
 */
export async function unlinkConnection(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'> & RevocationDeps,
  actor: Actor,
  companyId: string,
  connectionId: string,
  requestedStatus: ConnectionStatus,
): Promise<Connection> {
  const { connection, revocation } = await deps.store.transaction(async (tx) => {
    const existing = await requireConnection(tx, actor.clientId, companyId, connectionId);
    assertUnlinkable(existing.status, requestedStatus);
    const unlinked: Connection = { ...existing, status: 'Unlinked', modified: toIso(deps.clock.now()) };
    await tx.connections.update(unlinked);
    // Not Linked any more: nothing left to keep fresh.
    await tx.tokenRefresh.delete(unlinked.id);
    const pending = await eraseCredentials(deps, tx, existing);
    await deps.events.publish(tx, { type: 'connection.disconnected', company: await requireCompany(tx, actor.clientId, companyId), connection: unlinked });
    return { connection: unlinked, revocation: pending };
  });
  await revokeAfterCommit(deps, [revocation]);
  return connection;
}
