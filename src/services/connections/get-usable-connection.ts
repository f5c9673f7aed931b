import type { Connection } from '../../domain/connection.js';
import type { OAuth2Credentials } from '../../domain/connection-credentials.js';
import { AppError } from '../../domain/errors.js';
import { isAccessTokenDue } from '../../domain/token-refresh.js';
import { refreshPolicyOf } from '../../providers/refresh-policy.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { isUuid } from '../../domain/ids.js';
import { openConnectionCredentials } from './connection-credentials.js';
import { requireConnection } from './require-connection.js';

/** What a client may be given to act for a Linked connection: never a refresh token. */
export type UsableCredentials =
  | { kind: 'oauth2'; accessToken: string; tokenType: string; expiresAt: string | null; scopes: string[] }
  | { kind: 'fields'; fields: Record<string, string> };

export interface UsableConnection {
  connection: Connection;
  provider: ProviderDefinition;
  credentials: UsableCredentials;
}

export interface UsableConnectionOptions {
  /** Refresh even when the stored access token is still fresh (`?forceRefresh=true`, a 401 from the platform). */
  forceRefresh?: boolean;
}

/** Why a connection cannot be used, in words a client's developer can act on. */
function notUsable(connection: Connection): AppError {
  if (connection.status !== 'Deauthorized') {
    return new AppError('CONFLICT', `The connection is ${connection.status}; only a Linked connection can be used.`);
  }
  const latest = connection.dataConnectionErrors.filter((e) => e.status === 'Active').at(-1);
  const why = latest ? ` since ${latest.erroredOnUtc}: ${latest.statusText} (${latest.errorMessage})` : '';
  return new AppError('CONFLICT', `The connection is Deauthorized${why}. The business must link it again.`);
}

async function readLinked(deps: Pick<ServiceDeps, 'store' | 'secrets' | 'providers'>, actor: Actor, companyId: string, connectionId: string) {
  // Every proxied request and token read starts here: one read for the row and its credentials.
  const found = isUuid(companyId) && isUuid(connectionId) ? await deps.store.connections.findWithCredentials(actor.clientId, companyId, connectionId) : undefined;
  if (!found) {
    // Throws Codat's 404 for whichever of the two is missing; finding it now means it was created meanwhile.
    await requireConnection(deps.store, actor.clientId, companyId, connectionId);
    throw new AppError('CONFLICT', 'The connection changed while it was being read; try again.');
  }
  const { connection, sealed } = found;
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider) throw new AppError('CONFLICT', `The platform ${connection.integrationKey} of this connection is no longer configured.`);
  if (connection.status !== 'Linked') throw notUsable(connection);
  const stored = sealed === null ? null : openConnectionCredentials(deps.secrets, connection.id, sealed);
  if (!stored) throw new AppError('CONFLICT', 'The connection holds no credentials.');
  return { connection, provider, stored };
}

const usableTokens = (stored: OAuth2Credentials): UsableCredentials => ({
  kind: 'oauth2',
  accessToken: stored.accessToken,
  tokenType: stored.tokenType,
  expiresAt: stored.expiresAt,
  scopes: stored.scope?.split(/\s+/).filter(Boolean) ?? [],
});

/**
 * A Linked connection's provider and credentials, valid for at least the provider's effective
 * refresh margin: tokens within it (or all of them with `forceRefresh`) are refreshed first,
 * sharing the one refresh in flight for the connection (deps.tokenRefresher). Any other status
 * is a 409 that says why; a grant found revoked while refreshing makes it one too.
 */
export async function getUsableConnection(
  deps: Pick<ServiceDeps, 'store' | 'secrets' | 'providers' | 'clock' | 'tokenRefresher'>,
  actor: Actor,
  companyId: string,
  connectionId: string,
  options: UsableConnectionOptions = {},
): Promise<UsableConnection> {
  const first = await readLinked(deps, actor, companyId, connectionId);
  if (first.stored.kind === 'fields') return { connection: first.connection, provider: first.provider, credentials: { kind: 'fields', fields: first.stored.fields } };
  const policy = refreshPolicyOf(first.provider);
  const due = policy !== null && first.stored.refreshToken !== null && isAccessTokenDue(deps.clock.now(), policy, first.stored);
  if (!due && !options.forceRefresh) return { connection: first.connection, provider: first.provider, credentials: usableTokens(first.stored) };

  const outcome = await deps.tokenRefresher.refresh({ clientId: actor.clientId, companyId, connectionId }, { force: options.forceRefresh, seenAccessToken: first.stored.accessToken });
  // Whatever happened (refreshed here, elsewhere, failed for now, grant gone), the stored state says what to hand out.
  const after = await readLinked(deps, actor, companyId, connectionId);
  if (after.stored.kind !== 'oauth2') throw new AppError('CONFLICT', 'The connection changed while it was being refreshed; try again.');
  const { expiresAt } = after.stored;
  if (outcome === 'failed' && expiresAt !== null && Date.parse(expiresAt) <= deps.clock.now().getTime()) {
    // Still Linked (a passing failure is retried), but there is no valid token to hand out now.
    const state = await deps.store.tokenRefresh.find(connectionId);
    throw new AppError('CONFLICT', `The access token expired and refreshing it failed (${state?.lastError ?? 'unknown error'}); Doorway retries shortly.`);
  }
  return { connection: after.connection, provider: after.provider, credentials: usableTokens(after.stored) };
}
