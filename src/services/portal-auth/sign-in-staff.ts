import { AppError } from '../../domain/errors.js';
import { rateLimitWindowStart } from '../../domain/link/rate-limits.js';
import { normaliseEmail, SIGN_IN_ATTEMPTS_PER_ADDRESS, SIGN_IN_FAILURES_PER_ACCOUNT, signInFailureBucket } from '../../domain/portal/staff.js';
import { verifyPassword } from '../../security/passwords.js';
import type { ServiceDeps } from '../deps.js';
import { openStaffSession, type OpenedStaffSession } from './open-staff-session.js';

/** The one answer to a wrong email or a wrong password: it never says which. */
export const SIGN_IN_REFUSED = 'That email and password do not match an account.';
const SLOW_DOWN = 'Too many sign-in attempts. Wait a few minutes and try again.';

/**
 * Checks an email and password and opens a session. Unknown emails are checked against
 * `decoyHash` so they take as long as wrong passwords. Throttled twice: every attempt counts
 * against the client address, and failures against the typed email (known or not), both before
 * the password is checked, so a throttled guess learns nothing, not even by timing.
 */
export async function signInStaff(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  input: { email: string; password: string; address: string },
  decoyHash: Promise<string>,
): Promise<OpenedStaffSession> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  const addressWindow = rateLimitWindowStart(SIGN_IN_ATTEMPTS_PER_ADDRESS, now);
  const accountBucket = signInFailureBucket(email);
  const accountWindow = rateLimitWindowStart(SIGN_IN_FAILURES_PER_ACCOUNT, now);
  const attempts = await deps.store.rateLimits.hit(`${SIGN_IN_ATTEMPTS_PER_ADDRESS.name}:${input.address}`, addressWindow);
  if (attempts > SIGN_IN_ATTEMPTS_PER_ADDRESS.limit) throw new AppError('TOO_MANY_REQUESTS', SLOW_DOWN);
  if ((await deps.store.rateLimits.count(accountBucket, accountWindow)) >= SIGN_IN_FAILURES_PER_ACCOUNT.limit) {
    throw new AppError('TOO_MANY_REQUESTS', SLOW_DOWN);
  }
  const found = await deps.store.staffUsers.findForSignIn(email);
  const matches = await verifyPassword(input.password, found?.passwordHash ?? (await decoyHash));
  if (!found || !matches) {
    await deps.store.rateLimits.hit(accountBucket, accountWindow);
    throw new AppError('UNAUTHORIZED', SIGN_IN_REFUSED);
  }
  return openStaffSession(deps, found.user);
}
