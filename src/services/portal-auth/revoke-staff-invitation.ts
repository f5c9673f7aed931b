import { AppError } from '../../domain/errors.js';
import type { StaffActor } from '../../domain/portal/staff.js';
import type { ServiceDeps } from '../deps.js';

/** Deletes one of the client's invitations: its link stops working at once. */
export async function revokeStaffInvitation(deps: Pick<ServiceDeps, 'store'>, actor: StaffActor, invitationId: string): Promise<void> {
  if (!(await deps.store.staffInvitations.delete(actor.clientId, invitationId))) {
    throw new AppError('NOT_FOUND', 'There is no such invitation. It may have been revoked already.');
  }
}
