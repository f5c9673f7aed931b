import { toIso } from '../../domain/clock.js';
import { LONGEST_RATE_LIMIT_WINDOW_MS } from '../../domain/link/rate-limits.js';
import type { ServiceDeps } from '../deps.js';

export const PRUNE_BATCH_SIZE = 500;
const DAY_MS = 24 * 3600 * 1000;

export interface PruneCounts {
  sessions: number;
  oauthStates: number;
  rateLimits: number;
  events: number;
}

/**
 * Deletes what anonymous Link visits leave behind once it is of no use: sessions and OAuth states
 * after they expire, rate-limit windows after the longest window has passed, and funnel events
 * older than the retention. In batches of PRUNE_BATCH_SIZE (each its own short statement) until
 * a batch comes back short; several processes may run it at once (each batch takes rows the
 * others do not hold), so a sweep is always safe to repeat.
 */
export async function pruneLinkData(deps: Pick<ServiceDeps, 'store' | 'clock'>, options: { eventRetentionDays: number }): Promise<PruneCounts> {
  const now = deps.clock.now().getTime();
  const { linkSessions, oauthStates, rateLimits, linkEvents } = deps.store;
  return {
    sessions: await drain((limit) => linkSessions.deleteExpired(toIso(new Date(now)), limit)),
    oauthStates: await drain((limit) => oauthStates.deleteExpired(toIso(new Date(now)), limit)),
    rateLimits: await drain((limit) => rateLimits.deleteWindowsBefore(toIso(new Date(now - LONGEST_RATE_LIMIT_WINDOW_MS)), limit)),
    events: await drain((limit) => linkEvents.deleteCreatedBefore(toIso(new Date(now - options.eventRetentionDays * DAY_MS)), limit)),
  };
}

/** Runs `deleteBatch` until a batch comes back short; answers how many rows it deleted in all. */
export async function drain(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(PRUNE_BATCH_SIZE);
    total += deleted;
    if (deleted < PRUNE_BATCH_SIZE) return total;
  }
}
