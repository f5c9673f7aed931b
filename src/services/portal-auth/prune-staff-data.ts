import { toIso } from '../../domain/clock.js';
import type { ServiceDeps } from '../deps.js';
import { drain } from '../link/prune-link-data.js';

/**
 * Deletes Portal sessions and invitations past their expiry (signed-out sessions are deleted at
 * once; these are the ones nobody ended), in batches, safe from several processes at once.
 */
export async function pruneStaffData(deps: Pick<ServiceDeps, 'store' | 'clock'>): Promise<{ staffSessions: number; staffInvitations: number }> {
  const now = toIso(deps.clock.now());
  return {
    staffSessions: await drain((limit) => deps.store.staffSessions.deleteExpired(now, limit)),
    staffInvitations: await drain((limit) => deps.store.staffInvitations.deleteExpired(now, limit)),
  };
}
