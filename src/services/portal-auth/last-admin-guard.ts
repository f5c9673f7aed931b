import { AppError } from '../../domain/errors.js';
import type { StaffActor, StaffUser } from '../../domain/portal/staff.js';
import type { Store } from '../../storage/ports.js';

/**
 * Inside a transaction: the client's user `userId`, with the client's admins locked first, and
 * a refusal when taking the admin role away from them (demoting or removing) would leave the
 * client with no admin, since then nobody could manage its users again. Locking before reading
 * makes two admins demoting each other at once take turns, so the second sees the first's change.
 */
export async function findUserKeepingAnAdmin(tx: Store, actor: StaffActor, userId: string, losesAdminRole: boolean): Promise<StaffUser> {
  const admins = await tx.staffUsers.lockAdmins(actor.clientId);
  const user = await tx.staffUsers.findById(actor.clientId, userId);
  if (!user) throw new AppError('NOT_FOUND', 'There is no such user. They may have been removed already.');
  if (losesAdminRole && user.role === 'admin' && admins.filter((id) => id !== user.id).length === 0) {
    const who = user.id === actor.userId ? 'You are' : `${user.email} is`;
    throw new AppError('CONFLICT', `${who} the only admin. Make someone else an admin first.`);
  }
  return user;
}
