import { randomUUID } from 'node:crypto';
import { toIso } from '../../domain/clock.js';
import type { TokenRefreshState } from '../../domain/token-refresh.js';
import type { Store } from '../../storage/ports.js';
import { readConnectionCredentials } from './connection-credentials.js';
import {
  refreshUnderLease,
  type ConnectionRef,
  type RefreshDeps,
  type RefreshOutcome,
  type RefreshRequest,
  type RefreshSettings,
} from './refresh-under-lease.js';
import { scheduleTokenRefresh } from './schedule-token-refresh.js';

export type { ConnectionRef, RefreshDeps, RefreshOutcome, RefreshRequest } from './refresh-under-lease.js';

/**
 * One refresh per connection at a time, everywhere. In this process a single-flight map: token
 * reads, proxy calls and the background job asking at once share one refresh. Across processes
 * the lease on the connection's refresh row: only its holder spends the refresh token; a caller
 * that finds it held elsewhere polls the row until the holder is done and then uses the stored
 * tokens (spending a rotated refresh token twice would lose the grant).
 */
export interface TokenRefresher {
  /** This process's lease token (the background job claims rows under it too). */
  readonly owner: string;
  /** How long a lease lasts: a refresh (one token request, at most 15 s) must fit in it comfortably. */
  readonly leaseMs: number;
  /** Refreshes when due (or forced); resolves once the stored tokens are the ones to use. */
  refresh(ref: ConnectionRef, request?: RefreshRequest): Promise<RefreshOutcome>;
}

export interface TokenRefresherOptions extends RefreshSettings {
  leaseMs?: number | undefined;
  /** Longest a caller waits for another process's refresh before using what is stored. */
  waitMs?: number | undefined;
  pollMs?: number | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTokenRefresher(deps: RefreshDeps, options: TokenRefresherOptions): TokenRefresher {
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  const waitMs = options.waitMs ?? 20_000;
  const pollMs = options.pollMs ?? 50;
  const inFlight = new Map<string, Promise<RefreshOutcome>>();

  const acquire = (store: Store, connectionId: string) => {
    const now = deps.clock.now();
    return store.tokenRefresh.acquireLease(connectionId, owner, toIso(now), toIso(new Date(now.getTime() + leaseMs)));
  };

  /** A Linked connection from before refresh bookkeeping existed gets its row now. */
  async function adoptUnscheduled(ref: ConnectionRef): Promise<boolean> {
    return deps.store.transaction(async (tx) => {
      if (await tx.tokenRefresh.find(ref.connectionId)) return true;
      const connection = await tx.connections.findById(ref.clientId, ref.companyId, ref.connectionId);
      if (connection?.status !== 'Linked') return false;
      const credentials = await readConnectionCredentials(tx, deps.secrets, connection);
      if (!credentials) return false;
      await scheduleTokenRefresh(deps, tx, connection, credentials, deps.clock.now());
      return (await tx.tokenRefresh.find(ref.connectionId)) !== undefined;
    });
  }

  /** Another process holds the lease: wait (bounded) until it lets go, then the stored tokens are current. */
  async function waitForHolder(connectionId: string): Promise<RefreshOutcome> {
    for (let waited = 0; waited < waitMs; waited += pollMs) {
      await sleep(pollMs);
      const state = await deps.store.tokenRefresh.find(connectionId);
      if (!state || state.leaseUntil === null || state.leaseUntil <= toIso(deps.clock.now())) return 'waited';
    }
    options.onProblem?.('gave up waiting for another process to refresh a connection; using the stored tokens', { connectionId });
    return 'waited';
  }

  /**
   * The background job's claim took this very lease (same row, same owner): when the re-read row
   * shows it still ours with at least half its time left (far more than a token request's 15 s),
   * it is used as it is; otherwise (lapsed, taken over, or a re-link reset it) it is taken anew.
   */
  async function stillClaimed(connectionId: string): Promise<TokenRefreshState | undefined> {
    const state = await deps.store.tokenRefresh.find(connectionId);
    const enough = toIso(new Date(deps.clock.now().getTime() + leaseMs / 2));
    return state?.leaseOwner === owner && state.leaseUntil !== null && state.leaseUntil >= enough ? state : undefined;
  }

  async function attempt(ref: ConnectionRef, request: RefreshRequest): Promise<RefreshOutcome> {
    const claimed = request.claimed ? await stillClaimed(ref.connectionId) : undefined;
    if (claimed) return underLease(ref, request, claimed);
    let leased = await acquire(deps.store, ref.connectionId);
    if (!leased && !(await deps.store.tokenRefresh.find(ref.connectionId))) {
      if (!(await adoptUnscheduled(ref))) return 'not-refreshable';
      leased = await acquire(deps.store, ref.connectionId);
    }
    if (!leased) return waitForHolder(ref.connectionId);
    return underLease(ref, request);
  }

  async function underLease(ref: ConnectionRef, request: RefreshRequest, state?: TokenRefreshState): Promise<RefreshOutcome> {
    try {
      return await refreshUnderLease(deps, options, ref, owner, request, state);
    } catch (error) {
      // Unexpected (database down, unreadable credentials): free the row for the next try.
      await deps.store.tokenRefresh.releaseLeases([ref.connectionId], owner).catch(() => undefined);
      throw error;
    }
  }

  return {
    owner,
    leaseMs,
    refresh(ref, request = {}) {
      const running = inFlight.get(ref.connectionId);
      if (running) return running;
      const started = attempt(ref, request).finally(() => inFlight.delete(ref.connectionId));
      inFlight.set(ref.connectionId, started);
      return started;
    },
  };
}
