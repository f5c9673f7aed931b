import { toIso } from '../../domain/clock.js';
import type { ServiceDeps } from '../deps.js';
import { drain } from './prune-link-data.js';

/**
 * Deletes the built-in Sandbox's grants whose refresh token has expired (revoked ones too: a
 * token of a grant that is gone is refused like a revoked one), in batches, safe to run from
 * several processes at once. Lives with the Link pruning because the Sandbox is Link's test platform.
 */
export async function pruneSandboxGrants(deps: Pick<ServiceDeps, 'store' | 'clock'>): Promise<number> {
  const now = toIso(deps.clock.now());
  return drain((limit) => deps.store.sandboxGrants.deleteExpired(now, limit));
}
