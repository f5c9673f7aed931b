import { toIso } from '../../domain/clock.js';
import { SESSION_TOUCH_EVERY_MS, sessionExpiry, type StaffActor, type StaffSession } from '../../domain/portal/staff.js';
import { hashOpaqueToken } from '../../security/opaque-tokens.js';
import type { ServiceDeps } from '../deps.js';

export interface AuthenticatedStaff {
  actor: StaffActor;
  session: StaffSession;
}

/**
 * The staff user a session cookie belongs to, or undefined when the session is unknown, signed
 * out or expired. An active session's idle expiry moves forward, at most every few minutes.
 */
export async function authenticateStaffSession(deps: Pick<ServiceDeps, 'store' | 'clock'>, token: string): Promise<AuthenticatedStaff | undefined> {
  if (token.length === 0 || token.length > 100) return undefined;
  const now = deps.clock.now();
  const found = await deps.store.staffSessions.findActive(hashOpaqueToken(token), toIso(now));
  if (!found) return undefined;
  const { session, user } = found;
  if (now.getTime() - Date.parse(session.lastSeen) >= SESSION_TOUCH_EVERY_MS) {
    const expiresAt = toIso(sessionExpiry(new Date(session.created), now));
    await deps.store.staffSessions.touch(session.idHash, toIso(now), expiresAt);
  }
  return { session, actor: { userId: user.id, clientId: user.clientId, email: user.email, role: user.role } };
}
