import { toIso } from '../../domain/clock.js';
import type { StaffActor, StaffInvitation } from '../../domain/portal/staff.js';
import type { ServiceDeps } from '../deps.js';
import { MAX_PENDING_INVITATIONS_PER_CLIENT } from './invite-staff-user.js';

/** The client's invitations still waiting to be accepted (at most the pending limit), newest first. */
export async function listStaffInvitations(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: StaffActor): Promise<StaffInvitation[]> {
  return deps.store.staffInvitations.listPending(actor.clientId, toIso(deps.clock.now()), MAX_PENDING_INVITATIONS_PER_CLIENT);
}
