import { initialRefreshState, nextRefreshDueAt } from '../../domain/token-refresh.js';
import type { Connection } from '../../domain/connection.js';
import type { ConnectionCredentials } from '../../domain/connection-credentials.js';
import { refreshPolicyOf } from '../../providers/refresh-policy.js';
import type { Store } from '../../storage/ports.js';
import type { ServiceDeps } from '../deps.js';

/**
 * Starts a just-Linked connection's refresh bookkeeping in the transaction that Links it (any
 * earlier lease and failure count are dropped), or forgets it when there is nothing to refresh
 * (a credentials form, a token set without a refresh token, a platform Doorway no longer knows).
 */
export async function scheduleTokenRefresh(
  deps: Pick<ServiceDeps, 'providers'>,
  tx: Store,
  connection: Connection,
  credentials: ConnectionCredentials,
  now: Date,
): Promise<void> {
  const provider = deps.providers.get(connection.integrationKey);
  const policy = provider ? refreshPolicyOf(provider) : null;
  if (!policy || credentials.kind !== 'oauth2' || !credentials.refreshToken) {
    await tx.tokenRefresh.delete(connection.id);
    return;
  }
  const dueAt = nextRefreshDueAt(connection.id, policy, credentials, now);
  await tx.tokenRefresh.initialise(initialRefreshState(connection, dueAt, now));
}
