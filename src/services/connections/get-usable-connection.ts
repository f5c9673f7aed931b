import type { Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { readConnectionCredentials } from './connection-credentials.js';
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

/**
 * A Linked connection's provider and credentials, valid for at least the provider's refresh
 * margin. Any other status is a 409 that says why. (First version: reads the stored tokens;
 * the refresh issue replaces the body with a refresh when they are due.)
 */
export async function getUsableConnection(
  deps: Pick<ServiceDeps, 'store' | 'secrets' | 'providers' | 'clock'>,
  actor: Actor,
  companyId: string,
  connectionId: string,
  _options: UsableConnectionOptions = {},
): Promise<UsableConnection> {
  const connection = await requireConnection(deps.store, actor.clientId, companyId, connectionId);
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider) throw new AppError('CONFLICT', `The platform ${connection.integrationKey} of this connection is no longer configured.`);
  if (connection.status !== 'Linked') throw new AppError('CONFLICT', `The connection is ${connection.status}; only a Linked connection can be used.`);
  const stored = await readConnectionCredentials(deps.store, deps.secrets, connection);
  if (!stored) throw new AppError('CONFLICT', 'The connection holds no credentials.');
  const credentials: UsableCredentials =
    stored.kind === 'fields'
      ? { kind: 'fields', fields: stored.fields }
      : { kind: 'oauth2', accessToken: stored.accessToken, tokenType: stored.tokenType, expiresAt: stored.expiresAt, scopes: stored.scope?.split(/\s+/).filter(Boolean) ?? [] };
  return { connection, provider, credentials };
}
