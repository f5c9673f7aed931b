import { toIso } from '../../domain/clock.js';
import type { StaffActor, StaffRole, StaffUser } from '../../domain/portal/staff.js';
import type { ServiceDeps } from '../deps.js';
import { findUserKeepingAnAdmin } from './last-admin-guard.js';

/**
 * An admin changes a user's role (their own too), never leaving the client without an admin.
 * It takes effect on the user's next request: sessions read the role from the user each time.
 */
export async function changeStaffRole(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: StaffActor, userId: string, role: StaffRole): Promise<StaffUser> {
  return deps.store.transaction(async (tx) => {
    const user = await findUserKeepingAnAdmin(tx, actor, userId, role !== 'admin');
    if (user.role === role) return user;
    const modified = toIso(deps.clock.now());
    await tx.staffUsers.updateRole(actor.clientId, userId, role, modified);
    return { ...user, role, modified };
  });
}
