import { createHash } from 'node:crypto';

/**
 * When a Linked OAuth connection's tokens are refreshed, and what repeated failures mean. Pure:
 * the refresher (services/connections/token-refresher.ts) and the background job apply it.
 */

/** One connection's refresh bookkeeping, as stored beside the connection. */
export interface TokenRefreshState {
  connectionId: string;
  clientId: string;
  companyId: string;
  /** When the background job should refresh next; null: nothing to schedule. */
  dueAt: string | null;
  leaseUntil: string | null;
  leaseOwner: string | null;
  lastRefreshedAt: string | null;
  /** The first failure of the current run of failures; null once a refresh succeeds. */
  failingSince: string | null;
  /** Distinct UTC days with a failed refresh since `failingSince`. */
  failureDays: number;
  /** YYYY-MM-DD (UTC) of the latest failure. */
  lastFailureDay: string | null;
  /** The latest failure, as a one-line description (never a token). */
  lastError: string | null;
}

/** How a Linked connection's tokens are doing, as the Portal shows it (the Codat API does not). */
export interface TokenHealth {
  lastRefreshedAt: string | null;
  /** The stored access token's expiry; null when the platform did not say, or nothing is stored. */
  accessTokenExpiresAt: string | null;
  /** When the background job refreshes next; null: nothing scheduled. */
  nextRefreshAt: string | null;
  /** The first failure of the current run of failed refreshes; null while refreshing works. */
  failingSince: string | null;
  /** Distinct UTC days with a failed refresh since `failingSince` (so many days Deauthorize it). */
  failureDays: number;
  lastError: string | null;
  /** The stored credentials do not open (a changed encryption key): the connection must be linked again. */
  credentialsUnreadable: boolean;
}

/** The parts of a provider's refresh policy scheduling needs (providers/refresh-policy.ts). */
export interface RefreshSchedule {
  marginSeconds: number;
  /** Unused refresh tokens die after this many days; null when they do not. */
  idleExpiryDays: number | null;
}

/** When a token set was obtained and when its access token expires (ISO; null when unknown). */
export interface TokenTimes {
  expiresAt: string | null;
  obtainedAt?: string | null | undefined;
}

const DAY_MS = 86_400_000;
/** The first retry after a transient failure; later ones wait as long as the failures have lasted. */
const MIN_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

/**
 * The provider's margin, but never more than half the token's lifetime: with a 15-minute margin a
 * 30-second token would be due the moment it was issued, and every read would refresh.
 */
export function effectiveMarginMs(schedule: Pick<RefreshSchedule, 'marginSeconds'>, tokens: TokenTimes): number {
  const margin = schedule.marginSeconds * 1000;
  if (!tokens.expiresAt || !tokens.obtainedAt) return margin;
  const lifetime = Date.parse(tokens.expiresAt) - Date.parse(tokens.obtainedAt);
  if (!Number.isFinite(lifetime) || lifetime <= 0) return margin;
  return Math.min(margin, Math.floor(lifetime / 2));
}

/** The access token is within its effective margin of expiry (or past it). No expiry: never due. */
export function isAccessTokenDue(now: Date, schedule: Pick<RefreshSchedule, 'marginSeconds'>, tokens: TokenTimes): boolean {
  if (!tokens.expiresAt) return false;
  return now.getTime() >= Date.parse(tokens.expiresAt) - effectiveMarginMs(schedule, tokens);
}

/**
 * Where in the day (ms after UTC midnight) this connection's idle refreshes fall: derived from its
 * id, so ten thousand connections linked in the same minute spread over the whole day instead of
 * all refreshing again at the same moment tomorrow.
 */
export function dailySlotMs(connectionId: string): number {
  const digest = createHash('sha256').update(connectionId).digest();
  return digest.readUInt32BE(0) % DAY_MS;
}

/** The first moment after `after` at this connection's daily slot: at most 24 hours later. */
export function nextDailySlot(connectionId: string, after: Date): Date {
  const midnight = Math.floor(after.getTime() / DAY_MS) * DAY_MS;
  const today = midnight + dailySlotMs(connectionId);
  return new Date(today > after.getTime() ? today : today + DAY_MS);
}

/**
 * When the background job should refresh next, after tokens were stored at `refreshedAt`: before
 * the access token's effective margin, and, for platforms whose unused refresh tokens expire,
 * within a day at the connection's slot. Null: nothing to do until someone uses the connection.
 */
export function nextRefreshDueAt(connectionId: string, schedule: RefreshSchedule, tokens: TokenTimes, refreshedAt: Date): string | null {
  const candidates: number[] = [];
  if (tokens.expiresAt) candidates.push(Date.parse(tokens.expiresAt) - effectiveMarginMs(schedule, tokens));
  if (schedule.idleExpiryDays !== null) candidates.push(nextDailySlot(connectionId, refreshedAt).getTime());
  const finite = candidates.filter(Number.isFinite);
  return finite.length === 0 ? null : new Date(Math.min(...finite)).toISOString();
}

/** After a transient failure: wait as long as the failures have lasted, between 30 s and 1 h. */
export function transientRetryAt(now: Date, failingSince: string | null): Date {
  const lasted = failingSince ? now.getTime() - Date.parse(failingSince) : 0;
  return new Date(now.getTime() + Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, lasted)));
}

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * The state after a failed refresh (network, 5xx, 429, a refused client), and whether the
 * connection has now failed on `failureDaysLimit` separate days and must be Deauthorized.
 */
export function afterTransientFailure(
  state: TokenRefreshState,
  now: Date,
  error: string,
  failureDaysLimit: number,
): { state: TokenRefreshState; deauthorize: boolean } {
  const day = utcDay(now);
  const failingSince = state.failingSince ?? now.toISOString();
  const failureDays = state.failingSince === null ? 1 : state.lastFailureDay === day ? state.failureDays : state.failureDays + 1;
  const next: TokenRefreshState = {
    ...state,
    failingSince,
    failureDays,
    lastFailureDay: day,
    lastError: error,
    dueAt: transientRetryAt(now, failingSince).toISOString(),
  };
  return { state: next, deauthorize: failureDays >= failureDaysLimit };
}

/** The state after a successful refresh: failures forgotten, the next refresh scheduled. */
export function afterSuccessfulRefresh(state: TokenRefreshState, now: Date, dueAt: string | null): TokenRefreshState {
  return { ...state, dueAt, lastRefreshedAt: now.toISOString(), failingSince: null, failureDays: 0, lastFailureDay: null, lastError: null };
}

/** A fresh state for a connection that just became Linked with tokens obtained `now`. */
export function initialRefreshState(
  connection: { id: string; clientId: string; companyId: string },
  dueAt: string | null,
  now: Date,
): TokenRefreshState {
  return {
    connectionId: connection.id,
    clientId: connection.clientId,
    companyId: connection.companyId,
    dueAt,
    leaseUntil: null,
    leaseOwner: null,
    lastRefreshedAt: now.toISOString(),
    failingSince: null,
    failureDays: 0,
    lastFailureDay: null,
    lastError: null,
  };
}
