import { toIso } from '../../domain/clock.js';
import { deauthorizedConnection, type Connection } from '../../domain/connection.js';
import { renewTokenSet, type OAuth2Credentials } from '../../domain/connection-credentials.js';
import { isAppError } from '../../domain/errors.js';
import {
  afterSuccessfulRefresh,
  afterTransientFailure,
  isAccessTokenDue,
  nextRefreshDueAt,
  type TokenRefreshState,
} from '../../domain/token-refresh.js';
import { describeUpstreamError, refreshAccessToken, type UpstreamErrorDescription } from '../../providers/oauth2/index.js';
import { refreshPolicyOf, type RefreshPolicy } from '../../providers/refresh-policy.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import { requireCompany } from '../companies/require-company.js';
import type { ServiceDeps } from '../deps.js';
import { openConnectionCredentials, sealConnectionCredentials } from './connection-credentials.js';
import { oauthAppFor, resolveForConnection } from './oauth-app-for.js';

/** What a refresh needs beyond the services' own deps: where requests leave, and which app to be. */
export interface RefreshDeps extends Pick<ServiceDeps, 'store' | 'clock' | 'providers' | 'secrets' | 'events'> {
  publicUrl: string;
  sandboxOAuthApp: { clientId: string; clientSecret: string };
  /** Requests to platforms leave through this (the destination-guarded fetch). */
  outboundFetch: typeof globalThis.fetch;
}

export interface ConnectionRef {
  clientId: string;
  companyId: string;
  connectionId: string;
}

export interface RefreshRequest {
  /** Refresh although the token is not due (unless it changed since the caller saw `seenAccessToken`). */
  force?: boolean | undefined;
  seenAccessToken?: string | undefined;
  /** The background job: its due time (an idle refresh token's daily use) counts, not only the access token's. */
  scheduled?: boolean | undefined;
  /**
   * The caller claimed the row under this refresher's owner token (the background job): the lease
   * is checked on the re-read row instead of being taken a second time (one write less per refresh).
   */
  claimed?: boolean | undefined;
}

export type RefreshOutcome = 'refreshed' | 'fresh' | 'failed' | 'deauthorized' | 'not-refreshable' | 'waited';

export interface RefreshSettings {
  /** Separate days of failures that Deauthorize (TOKEN_REFRESH_FAILURE_DAYS). */
  failureDays: number;
  /** Told about anomalies (never with a token). */
  onProblem?: ((message: string, fields: Record<string, unknown>) => void) | undefined;
}

interface Refreshable {
  connection: Connection;
  provider: ProviderDefinition;
  policy: RefreshPolicy;
  credentials: OAuth2Credentials & { refreshToken: string };
  /** The sealed value `credentials` were opened from: what the refresh may replace, and only it. */
  sealed: string;
  state: TokenRefreshState;
}

/**
 * Re-read under the lease: someone may have refreshed, unlinked or reconnected it just before.
 * `state`: the refresh row, when the caller read it under the lease a moment ago.
 */
async function readRefreshable(deps: RefreshDeps, ref: ConnectionRef, knownState?: TokenRefreshState): Promise<Refreshable | undefined> {
  const found = await deps.store.connections.findWithCredentials(ref.clientId, ref.companyId, ref.connectionId);
  const connection = found?.connection;
  const provider = connection && deps.providers.get(connection.integrationKey);
  const policy = provider ? refreshPolicyOf(provider) : null;
  const state = knownState ?? (await deps.store.tokenRefresh.find(ref.connectionId));
  if (!connection || connection.status !== 'Linked' || !provider || !policy || !state) return undefined;
  const sealed = found?.sealed ?? null;
  const credentials = sealed === null ? null : openConnectionCredentials(deps.secrets, connection.id, sealed);
  if (sealed === null || credentials?.kind !== 'oauth2' || !credentials.refreshToken) return undefined;
  return { connection, provider, policy, credentials: { ...credentials, refreshToken: credentials.refreshToken }, sealed, state };
}

/**
 * A row migration 0010 made for a connection Linked before it (never refreshed): scheduled from its
 * token's expiry without a token request, unless the token is due or its refresh token may idle out.
 */
function isUnscheduledLegacy(found: Refreshable, now: Date): boolean {
  return found.state.lastRefreshedAt === null && found.policy.idleExpiryDays === null && !isAccessTokenDue(now, found.policy, found.credentials);
}

function isStale(found: Refreshable, request: RefreshRequest, now: Date): boolean {
  if (request.force) return request.seenAccessToken === undefined || request.seenAccessToken === found.credentials.accessToken;
  if (isAccessTokenDue(now, found.policy, found.credentials)) return true;
  return request.scheduled === true && found.state.dueAt !== null && found.state.dueAt <= toIso(now);
}

/**
 * The lease holder's part: re-read, refresh at the platform when still needed, and commit the new
 * token set with the refresh state in one transaction, before any caller is given the new token.
 * `invalid_grant` Deauthorizes at once; other failures are retried with backoff until they have
 * happened on `failureDays` separate days. Ends the lease in every outcome.
 */
export async function refreshUnderLease(
  deps: RefreshDeps,
  settings: RefreshSettings,
  ref: ConnectionRef,
  owner: string,
  request: RefreshRequest,
  /** The refresh row as read after the lease was taken (saves reading it again). */
  leasedState?: TokenRefreshState,
): Promise<RefreshOutcome> {
  const found = await readRefreshable(deps, ref, leasedState);
  if (!found) {
    await deps.store.tokenRefresh.delete(ref.connectionId);
    return 'not-refreshable';
  }
  const startedAt = deps.clock.now();
  if (request.scheduled && isUnscheduledLegacy(found, startedAt)) {
    await deps.store.tokenRefresh.complete({ ...found.state, dueAt: nextRefreshDueAt(ref.connectionId, found.policy, found.credentials, startedAt) }, owner, toIso(startedAt));
    return 'fresh';
  }
  if (!isStale(found, request, startedAt)) {
    await deps.store.tokenRefresh.complete(found.state, owner, toIso(startedAt));
    return 'fresh';
  }
  let result: Awaited<ReturnType<typeof refreshAccessToken>>;
  try {
    const { app, scopes } = await oauthAppFor(deps, ref.clientId, found.provider);
    const oauth = resolveForConnection(found.provider, found.connection, deps.publicUrl, scopes);
    result = await refreshAccessToken(oauth, app, { refreshToken: found.credentials.refreshToken, now: startedAt, fetch: deps.outboundFetch });
  } catch (error) {
    // The integration was disabled or its settings no longer resolve: the client can fix that, so it is not a lost grant.
    if (!isAppError(error)) throw error;
    return recordTransientFailure(deps, settings, found, owner, { statusCode: '400', statusText: 'Token refresh not possible', errorMessage: error.message });
  }
  if (result.ok) {
    const finishedAt = deps.clock.now();
    // Obtained no later than the request left: the conservative end for the token's lifetime.
    const renewed = renewTokenSet(found.credentials, result.tokens, toIso(startedAt));
    const dueAt = nextRefreshDueAt(ref.connectionId, found.policy, renewed, finishedAt);
    const stored = await deps.store.transaction(async (tx) => {
      const sealed = sealConnectionCredentials(deps.secrets, found.connection.id, renewed);
      // Unlinked, deleted or reconnected while the platform answered: those tokens are not ours to replace.
      if (!(await tx.connections.replaceCredentials(ref.clientId, ref.connectionId, found.sealed, sealed))) return false;
      const recorded = await tx.tokenRefresh.complete(afterSuccessfulRefresh(found.state, finishedAt, dueAt), owner, toIso(finishedAt));
      if (!recorded) settings.onProblem?.('a token refresh outlived its lease; the new tokens were stored all the same', { connectionId: ref.connectionId });
      return true;
    });
    return stored ? 'refreshed' : 'not-refreshable';
  }
  const failure = describeUpstreamError(result.error);
  if (result.error.kind === 'oauth_error' && result.error.error === 'invalid_grant') {
    await deauthorize(deps, found, failure);
    return 'deauthorized';
  }
  return recordTransientFailure(deps, settings, found, owner, failure);
}

async function recordTransientFailure(
  deps: RefreshDeps,
  settings: RefreshSettings,
  found: Refreshable,
  owner: string,
  failure: UpstreamErrorDescription,
): Promise<RefreshOutcome> {
  const now = deps.clock.now();
  const { state, deauthorize: giveUp } = afterTransientFailure(found.state, now, `${failure.statusText}: ${failure.errorMessage}`, settings.failureDays);
  if (giveUp) {
    await deauthorize(deps, found, {
      ...failure,
      errorMessage: `Refreshing the access token failed on ${state.failureDays} separate days since ${state.failingSince}; the latest: ${failure.errorMessage}`,
    });
    return 'deauthorized';
  }
  await deps.store.tokenRefresh.complete(state, owner, toIso(now));
  return 'failed';
}

/** Deauthorized, its reason an Active error, `connection.disconnected` published: one transaction. */
async function deauthorize(deps: RefreshDeps, found: Refreshable, failure: UpstreamErrorDescription): Promise<void> {
  const { connection } = found;
  await deps.store.transaction(async (tx) => {
    // Writing back the same value locks the row and checks it in one statement: a connection that
    // was reconnected (a new grant) or unlinked meanwhile is not Deauthorized by its old token's failure.
    if (!(await tx.connections.replaceCredentials(connection.clientId, connection.id, found.sealed, found.sealed))) return;
    const current = await tx.connections.findById(connection.clientId, connection.companyId, connection.id);
    await tx.tokenRefresh.delete(connection.id);
    if (current?.status !== 'Linked') return;
    const deauthorized = deauthorizedConnection(current, toIso(deps.clock.now()), failure);
    await tx.connections.update(deauthorized);
    const company = await requireCompany(tx, connection.clientId, connection.companyId);
    await deps.events.publish(tx, { type: 'connection.disconnected', company, connection: deauthorized });
  });
}
