import type { StaffActor } from '../../domain/portal/staff.js';
import { hashOpaqueToken } from '../../security/opaque-tokens.js';
import type { ServiceDeps } from '../deps.js';

/** Ends this browser's session. */
export async function signOutStaff(deps: Pick<ServiceDeps, 'store'>, token: string): Promise<void> {
  await deps.store.staffSessions.delete(hashOpaqueToken(token));
}

/** Ends every session of the signed-in user, on every device; returns how many ended. */
export async function signOutStaffEverywhere(deps: Pick<ServiceDeps, 'store'>, actor: StaffActor): Promise<number> {
  return deps.store.staffSessions.deleteForUser(actor.clientId, actor.userId);
}
