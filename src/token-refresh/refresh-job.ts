import type { Logger } from 'pino';
import { toIso, type Clock } from '../domain/clock.js';
import type { TokenRefreshState } from '../domain/token-refresh.js';
import { createLeasedJobRunner, type LeasedJobRunner } from '../jobs/leased-job-runner.js';
import type { TokenRefresher } from '../services/connections/token-refresher.js';
import type { Store } from '../storage/ports.js';

/**
 * The background token refresher, the second job on the leased-job kernel: it claims connections
 * whose refresh fell due (access token near expiry, or an idle refresh token's daily use) and
 * refreshes each through the same `TokenRefresher` requests use. The claim's lease IS the
 * refresh lease (same row, this process's owner token), so a request elsewhere waits for it and
 * a request here joins it: the job and a request never both spend one refresh token.
 * The refresher commits every outcome itself (tokens and schedule in one transaction), so the
 * kernel has no outcomes to batch; a job that throws keeps its lease until it lapses.
 */
export interface TokenRefreshJobOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  refresher: TokenRefresher;
  concurrency?: number | undefined;
  batchSize?: number | undefined;
  idlePollMs?: number | undefined;
}

export type TokenRefreshJob = LeasedJobRunner;

export function createTokenRefreshJob(options: TokenRefreshJobOptions): TokenRefreshJob {
  const { store, refresher, log } = options;
  return createLeasedJobRunner<TokenRefreshState, never>({
    name: 'token refreshes',
    clock: options.clock,
    log,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    // Must match the refresher's: a request in this process may take the claimed row over.
    leaseMs: refresher.leaseMs,
    idlePollMs: options.idlePollMs ?? 1000,
    claim: (limit, lease) => store.tokenRefresh.claimDue(refresher.owner, toIso(lease.now), toIso(lease.until), limit),
    async perform(state) {
      const outcome = await refresher.refresh(
        { clientId: state.clientId, companyId: state.companyId, connectionId: state.connectionId },
        // The claim took the refresh lease for this owner: the refresher checks it instead of taking it again.
        { scheduled: true, claimed: true },
      );
      if (outcome === 'failed' || outcome === 'deauthorized') log.warn({ connectionId: state.connectionId, outcome }, 'a scheduled token refresh failed');
      return undefined;
    },
    complete: async () => undefined,
    release: (states) => store.tokenRefresh.releaseLeases(states.map((state) => state.connectionId), refresher.owner),
    nextDueAt: async () => {
      const due = await store.tokenRefresh.nextDueAt();
      return due === undefined ? undefined : new Date(due);
    },
    describe: (state) => ({ connectionId: state.connectionId }),
  });
}
