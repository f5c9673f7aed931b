import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';
import { eraseCredentials, revokeAfterCommit, type RevocationDeps } from './revoke-platform-tokens.js';

/** Deletes a connection: irreversible, the SMB must create a new one to link again. Its tokens are revoked at the platform after the commit. */
export async function deleteConnection(
  deps: Pick<ServiceDeps, 'store' | 'events'> & RevocationDeps,
  actor: Actor,
  companyId: string,
  connectionId: string,
): Promise<void> {
  const revocation = await deps.store.transaction(async (tx) => {
    const connection = await requireConnection(tx, actor.clientId, companyId, connectionId);
    const company = await requireCompany(tx, actor.clientId, companyId);
    await deps.events.publish(tx, { type: 'connection.deleted', company, connection });
    // Read before the row (and its sealed credentials) goes.
    const pending = await eraseCredentials(deps, tx, connection);
    await tx.connections.delete(actor.clientId, companyId, connection.id);
    return pending;
  });
  await revokeAfterCommit(deps, [revocation]);
}
