import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { INVITATION_TTL_MS, isPlausibleEmail, normaliseEmail, type StaffActor, type StaffInvitation, type StaffRole } from '../../domain/portal/staff.js';
import { hashOpaqueToken, newOpaqueToken } from '../../security/opaque-tokens.js';
import type { ServiceDeps } from '../deps.js';
import { staffEmailTaken } from './create-staff-user.js';

/** Pending invitations a client may have at once: enough for a team, too few to spam with. */
export const MAX_PENDING_INVITATIONS_PER_CLIENT = 50;

export interface CreatedStaffInvitation {
  invitation: StaffInvitation;
  /** The link's secret: returned this once, stored only as its hash. */
  token: string;
}

const fieldConflict = (message: string) => new AppError('CONFLICT', message, { validation: [{ itemId: 'email', message, validatorName: 'unique' }] });

/**
 * An admin invites someone to their client with a role. The answer carries the link's token
 * once; the link is valid for 7 days and used once. An email that already has an account (in
 * any client: one account per email) or a pending invitation here is refused now rather than
 * when the link is opened.
 */
export async function inviteStaffUser(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: StaffActor,
  input: { email: string; role: StaffRole },
): Promise<CreatedStaffInvitation> {
  const email = normaliseEmail(input.email);
  if (!isPlausibleEmail(email)) {
    throw new AppError('BAD_REQUEST', 'Enter a valid email address.', { validation: [{ itemId: 'email', message: 'Enter a valid email address.', validatorName: 'email' }] });
  }
  const token = newOpaqueToken();
  const now = deps.clock.now();
  const invitation: StaffInvitation = {
    id: newId(),
    tokenHash: hashOpaqueToken(token),
    clientId: actor.clientId,
    email,
    role: input.role,
    invitedBy: actor.userId,
    created: toIso(now),
    expiresAt: toIso(new Date(now.getTime() + INVITATION_TTL_MS)),
    acceptedAt: null,
  };
  await deps.store.transaction(async (tx) => {
    if (await tx.staffUsers.findForSignIn(email)) throw staffEmailTaken();
    const pending = await tx.staffInvitations.listPending(actor.clientId, invitation.created, MAX_PENDING_INVITATIONS_PER_CLIENT);
    if (pending.some((other) => other.email === email)) throw fieldConflict('That email has already been invited. Revoke that invitation to send a new link.');
    if (pending.length >= MAX_PENDING_INVITATIONS_PER_CLIENT) {
      throw new AppError('CONFLICT', `A client can have at most ${MAX_PENDING_INVITATIONS_PER_CLIENT} pending invitations. Revoke some, or wait for them to be accepted.`);
    }
    await tx.staffInvitations.insert(invitation);
  });
  return { invitation, token };
}
