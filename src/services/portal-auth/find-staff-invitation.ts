import { toIso } from '../../domain/clock.js';
import type { Client } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
import type { StaffInvitation } from '../../domain/portal/staff.js';
import { hashOpaqueToken } from '../../security/opaque-tokens.js';
import type { ServiceDeps } from '../deps.js';

/** One answer for a link that was never valid, was used, revoked or has expired: which, the visitor cannot fix. */
export const INVITATION_UNUSABLE = 'This invitation link cannot be used any more: it has already been used, was revoked, or has expired. Ask an admin of your team for a new one.';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The pending invitation an invitation link's token opens, with its client (the page says
 * which team and email it is for). Needs no session: the token is the credential.
 */
export async function findStaffInvitation(deps: Pick<ServiceDeps, 'store' | 'clock'>, token: string): Promise<{ invitation: StaffInvitation; client: Client }> {
  const invitation = TOKEN_SHAPE.test(token) ? await deps.store.staffInvitations.findPending(hashOpaqueToken(token), toIso(deps.clock.now())) : undefined;
  const client = invitation && (await deps.store.clients.findById(invitation.clientId));
  if (!invitation || !client) throw new AppError('NOT_FOUND', INVITATION_UNUSABLE);
  return { invitation, client };
}
