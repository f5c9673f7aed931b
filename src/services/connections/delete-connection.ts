import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';

/** Deletes a connection: irreversible, the SMB must create a new one to link again. */
export async function deleteConnection(deps: Pick<ServiceDeps, 'store' | 'events'>, actor: Actor, companyId: string, connectionId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const connection = await requireConnection(tx, actor.clientId, companyId, connectionId);
    const company = await requireCompany(tx, actor.clientId, companyId);
    await deps.events.publish(tx, { type: 'connection.deleted', company, connection });
    await tx.connections.delete(actor.clientId, companyId, connection.id);
  });
}
