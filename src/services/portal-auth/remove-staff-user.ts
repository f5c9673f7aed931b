import type { StaffActor, StaffUser } from '../../domain/portal/staff.js';
import type { ServiceDeps } from '../deps.js';
import { findUserKeepingAnAdmin } from './last-admin-guard.js';

/**
 * An admin removes a user of their client (themselves too, unless they are its only admin).
 * Every session of the user ends with it, so their next request is signed out.
 */
export async function removeStaffUser(deps: Pick<ServiceDeps, 'store'>, actor: StaffActor, userId: string): Promise<StaffUser> {
  return deps.store.transaction(async (tx) => {
    const user = await findUserKeepingAnAdmin(tx, actor, userId, true);
    // The foreign key cascades too; deleting them here does not depend on SQLite's pragma.
    await tx.staffSessions.deleteForUser(actor.clientId, userId);
    await tx.staffUsers.delete(actor.clientId, userId);
    return user;
  });
}
