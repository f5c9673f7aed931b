import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';

/** Deletes a connection: irreversible, the SMB must create a new one to link again. */
export async function deleteConnection(deps: Pick<ServiceDeps, 'store'>, actor: Actor, companyId: string, connectionId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const connection = await requireConnection(tx, actor.clientId, companyId, connectionId);
    await tx.connections.delete(actor.clientId, companyId, connection.id);
  });
}
