import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { insertStaffUser, prepareStaffUser } from './create-staff-user.js';
import { findStaffInvitation, INVITATION_UNUSABLE } from './find-staff-invitation.js';
import { openStaffSession, type OpenedStaffSession } from './open-staff-session.js';

/**
 * The invited person chooses a password: their user is created with the invitation's email and
 * role, and they are signed in. Used once: the invitation is marked accepted in the same
 * transaction that creates the user, and of several accepts racing only the one that marks it
 * goes on (the others get the "cannot be used" answer, and nothing is created twice).
 */
export async function acceptStaffInvitation(deps: Pick<ServiceDeps, 'store' | 'clock'>, token: string, password: string): Promise<OpenedStaffSession> {
  const { invitation } = await findStaffInvitation(deps, token);
  // Validated and hashed before the transaction: a too-short password leaves the link usable.
  const prepared = await prepareStaffUser(deps, { clientId: invitation.clientId, email: invitation.email, password, role: invitation.role });
  const user = await deps.store.transaction(async (tx) => {
    if (!(await tx.staffInvitations.markAccepted(invitation.id, toIso(deps.clock.now())))) throw new AppError('NOT_FOUND', INVITATION_UNUSABLE);
    return insertStaffUser(tx, prepared);
  });
  return openStaffSession(deps, user);
}
