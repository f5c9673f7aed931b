import type { Connection } from '../../domain/connection.js';
import type { ConnectionCredentials } from '../../domain/connection-credentials.js';
import { resolveOAuth2, resolveRevocationUrl, revokeToken, type OAuthAppCredentials, type ResolvedOAuth2 } from '../../providers/oauth2/index.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Store } from '../../storage/ports.js';
import type { ServiceDeps } from '../deps.js';
import { clientOAuthApp, connectionConfigOf } from '../integrations/client-oauth-app.js';
import { readConnectionCredentials, UnreadableCredentialsError } from './connection-credentials.js';

/** What erasing and revoking take: the services that unlink or delete add these to their own deps. */
export type RevocationDeps = Pick<ServiceDeps, 'providers' | 'secrets' | 'publicUrl' | 'sandboxOAuthApp' | 'outboundFetch' | 'operatorLog'>;

/** One token to give back to its platform, gathered in the transaction that erased it. */
export interface PendingRevocation {
  connectionId: string;
  platformKey: string;
  config: ResolvedOAuth2;
  revocationUrl: string;
  app: OAuthAppCredentials;
  token: string;
  tokenTypeHint: 'refresh_token' | 'access_token';
}

/**
 * What revoking these credentials at the platform takes, or null when there is nothing to revoke
 * (no revocationUrl, not OAuth tokens, the client's app no longer configured). The built-in
 * Sandbox revokes at its own endpoint with Doorway's Sandbox app. The refresh token
 * is preferred: revoking it ends the grant, access tokens included, on RFC 7009 platforms.
 */
export async function pendingRevocation(
  deps: Pick<ServiceDeps, 'providers' | 'secrets' | 'publicUrl' | 'sandboxOAuthApp'>,
  tx: Store,
  connection: Connection,
  credentials: ConnectionCredentials | null,
): Promise<PendingRevocation | null> {
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider || credentials?.kind !== 'oauth2' || resolveRevocationUrl(provider, connectionConfigOf(connection), deps.publicUrl) === null) return null;
  const app = provider.auth.type === 'sandbox' ? deps.sandboxOAuthApp : (await clientOAuthApp(tx, deps.secrets, connection.clientId, provider))?.app;
  const config = app ? resolvedOrNull(provider, connection, deps.publicUrl) : null;
  return app && config ? revocationOf(provider, connection, deps.publicUrl, config, app, credentials) : null;
}

/** The revocation of a token set the caller holds (e.g. tokens just issued and then discarded), or null without a revocationUrl. */
export function revocationOf(
  provider: ProviderDefinition,
  connection: Connection,
  publicUrl: string,
  config: ResolvedOAuth2,
  app: OAuthAppCredentials,
  tokens: { accessToken: string; refreshToken: string | null },
): PendingRevocation | null {
  const revocationUrl = resolveRevocationUrl(provider, connectionConfigOf(connection), publicUrl);
  if (revocationUrl === null) return null;
  return {
    connectionId: connection.id,
    platformKey: provider.key,
    config,
    revocationUrl,
    app,
    token: tokens.refreshToken ?? tokens.accessToken,
    tokenTypeHint: tokens.refreshToken === null ? 'access_token' : 'refresh_token',
  };
}

function resolvedOrNull(provider: ProviderDefinition, connection: Connection, publicUrl: string): ResolvedOAuth2 | null {
  try {
    return resolveOAuth2(provider, { publicUrl, connectionConfig: connectionConfigOf(connection) });
  } catch {
    return null;
  }
}

/**
 * Erases a connection's stored credentials in the caller's transaction and returns what to revoke
 * once it commits. Unreadable credentials (a changed key) are erased all the same.
 */
export async function eraseCredentials(
  deps: Pick<ServiceDeps, 'providers' | 'secrets' | 'publicUrl' | 'sandboxOAuthApp'>,
  tx: Store,
  connection: Connection,
): Promise<PendingRevocation | null> {
  let credentials: ConnectionCredentials | null;
  try {
    credentials = await readConnectionCredentials(tx, deps.secrets, connection);
  } catch (error) {
    if (!(error instanceof UnreadableCredentialsError)) throw error;
    credentials = null;
  }
  const pending = await pendingRevocation(deps, tx, connection, credentials);
  await tx.connections.eraseCredentials(connection.clientId, connection.id);
  return pending;
}

/**
 * Best effort, after the commit and never inside a transaction: each token is revoked through the
 * guarded fetch within the token-request timeout. A failure is the operator's to see (logged with
 * the connection and the platform, never a token); the erased credentials stay erased.
 */
export async function revokeAfterCommit(deps: Pick<ServiceDeps, 'outboundFetch' | 'operatorLog'>, pending: readonly (PendingRevocation | null)[]): Promise<void> {
  await Promise.all(
    pending.map(async (revocation) => {
      if (!revocation) return;
      const result = await revokeToken(revocation.config, revocation.app, {
        revocationUrl: revocation.revocationUrl,
        token: revocation.token,
        tokenTypeHint: revocation.tokenTypeHint,
        fetch: deps.outboundFetch,
      });
      if (!result.ok) {
        deps.operatorLog.warn(
          { connectionId: revocation.connectionId, platformKey: revocation.platformKey, reason: result.message },
          'revoking a connection’s tokens at its platform failed; its stored credentials were erased anyway',
        );
      }
    }),
  );
}
