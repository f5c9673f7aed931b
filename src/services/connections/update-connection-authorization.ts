import type { Connection } from '../../domain/connection.js';
import { fieldCredentials } from '../../domain/connection-credentials.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { markConnectionLinked } from './mark-connection-linked.js';
import { requireConnection } from './require-connection.js';

export const MAX_AUTHORIZATION_FIELDS = 50;

/**
 * PUT `/authorization`: migrates credentials the client already holds (e.g. tokens from another
 * aggregator). They are stored sealed with AES-256-GCM, bound to this connection, and the
 * connection becomes Linked, its earlier errors resolved.
 */
export async function updateConnectionAuthorization(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'secrets' | 'events' | 'providers'>,
  actor: Actor,
  companyId: string,
  connectionId: string,
  credentials: Record<string, string>,
): Promise<Connection> {
  const keys = Object.keys(credentials);
  if (keys.length === 0) throw new AppError('BAD_REQUEST', 'The authorization body must contain at least one credential field.');
  if (keys.length > MAX_AUTHORIZATION_FIELDS) {
    throw new AppError('BAD_REQUEST', `The authorization body may contain at most ${MAX_AUTHORIZATION_FIELDS} fields.`);
  }
  return deps.store.transaction(async (tx) => {
    const existing = await requireConnection(tx, actor.clientId, companyId, connectionId);
    return markConnectionLinked(deps, tx, existing, fieldCredentials(credentials));
  });
}
