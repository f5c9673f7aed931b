import type { LinkSettings } from '../domain/link/link-settings.js';
import type { LinkEvent, LinkSession, OAuthState } from '../domain/link/link-session.js';
import type { FunnelCounts, FunnelPeriod } from '../domain/link/auth-funnel.js';

/**
 * The Hosted Link flow's repositories: what an anonymous Link visit can create (sessions, OAuth
 * states, funnel events, rate-limit windows), each bounded and pruned, and the client's Link
 * settings. Part of the store's ports (`ports.ts` re-exports them); import them from there.
 */

export interface LinkSettingsRepository {
  find(clientId: string): Promise<Partial<LinkSettings> | undefined>;
  save(clientId: string, settings: LinkSettings, modified: string): Promise<void>;
}

export interface LinkSessionRepository {
  insert(session: LinkSession): Promise<void>;
  find(id: string): Promise<LinkSession | undefined>;
  attachCompany(id: string, companyId: string): Promise<void>;
  /**
   * Deletes up to `limit` sessions that expired before `now` and returns how many it deleted:
   * the pruner calls it until it returns less than `limit`. Safe to run from several processes.
   */
  deleteExpired(now: string, limit: number): Promise<number>;
}

export interface OAuthStateRepository {
  insert(state: OAuthState): Promise<void>;
  /** Reads a state without consuming it, to find the session it must be bound to. */
  find(id: string): Promise<OAuthState | undefined>;
  /**
   * Atomically marks the state consumed and returns it, or undefined when it is unknown,
   * expired or already used: a replayed callback finds nothing.
   */
  consume(id: string, sessionId: string, now: string): Promise<OAuthState | undefined>;
  /** Deletes up to `limit` states (used or not) that expired before `now`; returns how many. */
  deleteExpired(now: string, limit: number): Promise<number>;
}

export interface LinkEventRepository {
  insert(event: LinkEvent): Promise<void>;
  listForSession(sessionId: string): Promise<LinkEvent[]>;
  /** Deletes up to `limit` events created before `before` (the retention cut-off); returns how many. */
  deleteCreatedBefore(before: string, limit: number): Promise<number>;
  /** The client's auth funnel over `period`, counted in SQL (see `domain/link/auth-funnel.ts`). */
  countAuthFunnel(clientId: string, period: FunnelPeriod): Promise<FunnelCounts>;
}

export interface RateLimitRepository {
  /** Counts one hit in a fixed window and returns the hits so far in that window. */
  hit(bucket: string, windowStart: string): Promise<number>;
  /** The hits so far in the window starting at `windowStart` (0 for another or no window), counting none. */
  count(bucket: string, windowStart: string): Promise<number>;
  /** Deletes up to `limit` buckets whose window started before `before`; returns how many. */
  deleteWindowsBefore(before: string, limit: number): Promise<number>;
}

/** `DELETE /companies/{id}/accessToken`: tokens for a company issued before `notBefore` are refused. */
export interface CompanyAccessRevocationRepository {
  /** The company's cut-off (ISO time), or undefined when it never revoked its tokens. */
  notBefore(companyId: string): Promise<string | undefined>;
  /** Sets (or moves forward) the company's cut-off. */
  revokeBefore(clientId: string, companyId: string, notBefore: string): Promise<void>;
}
