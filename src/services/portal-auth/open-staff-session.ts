import { toIso } from '../../domain/clock.js';
import { sessionExpiry, type StaffActor, type StaffSession, type StaffUser } from '../../domain/portal/staff.js';
import { hashOpaqueToken, newOpaqueToken } from '../../security/opaque-tokens.js';
import type { ServiceDeps } from '../deps.js';

export interface OpenedStaffSession {
  /** The cookie's value: shown to the browser once, stored only as its hash. */
  token: string;
  session: StaffSession;
  actor: StaffActor;
}

/** Starts a server-side session for a user who just proved who they are. */
export async function openStaffSession(deps: Pick<ServiceDeps, 'store' | 'clock'>, user: StaffUser): Promise<OpenedStaffSession> {
  const token = newOpaqueToken();
  const now = deps.clock.now();
  const session: StaffSession = {
    idHash: hashOpaqueToken(token),
    userId: user.id,
    clientId: user.clientId,
    csrfToken: newOpaqueToken(),
    created: toIso(now),
    lastSeen: toIso(now),
    expiresAt: toIso(sessionExpiry(now, now)),
  };
  await deps.store.staffSessions.insert(session);
  return { token, session, actor: { userId: user.id, clientId: user.clientId, email: user.email, role: user.role } };
}
