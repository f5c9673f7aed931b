import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { rateLimitWindowStart } from '../../domain/link/rate-limits.js';
import { passwordProblem, SIGN_IN_FAILURES_PER_ACCOUNT, signInFailureBucket, type StaffActor } from '../../domain/portal/staff.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import type { ServiceDeps } from '../deps.js';
import { openStaffSession, type OpenedStaffSession } from './open-staff-session.js';

const fieldError = (itemId: string, message: string, code: 'BAD_REQUEST' | 'TOO_MANY_REQUESTS' = 'BAD_REQUEST') =>
  new AppError(code, message, { validation: [{ itemId, message, validatorName: itemId }] });

/**
 * The signed-in user changes their own password, proving the current one. Every session of
 * theirs ends (a password is changed because it may be known) and a new one opens for this
 * browser. A wrong current password counts as a failed sign-in of the account, so a borrowed
 * session cannot be used to guess it faster than the sign-in form allows.
 */
export async function changeOwnPassword(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: StaffActor,
  input: { currentPassword: string; newPassword: string },
): Promise<OpenedStaffSession> {
  const problem = passwordProblem(input.newPassword);
  if (problem) throw fieldError('newPassword', problem);
  const bucket = signInFailureBucket(actor.email);
  const window = rateLimitWindowStart(SIGN_IN_FAILURES_PER_ACCOUNT, deps.clock.now());
  if ((await deps.store.rateLimits.count(bucket, window)) >= SIGN_IN_FAILURES_PER_ACCOUNT.limit) {
    throw fieldError('currentPassword', 'Too many wrong passwords. Wait a few minutes and try again.', 'TOO_MANY_REQUESTS');
  }
  const found = await deps.store.staffUsers.findForSignIn(actor.email);
  if (!found || found.user.id !== actor.userId) throw new AppError('UNAUTHORIZED', 'Your session has ended. Sign in again.');
  if (!(await verifyPassword(input.currentPassword, found.passwordHash))) {
    await deps.store.rateLimits.hit(bucket, window);
    throw fieldError('currentPassword', 'That is not your current password.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.store.transaction(async (tx) => {
    await tx.staffUsers.updatePassword(actor.clientId, actor.userId, passwordHash, toIso(deps.clock.now()));
    await tx.staffSessions.deleteForUser(actor.clientId, actor.userId);
  });
  return openStaffSession(deps, found.user);
}
