import type { Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { Store } from '../../storage/ports.js';

/** A connection of the session's company; anything else (deleted, another company) is a 404. */
export async function requireLinkConnection(store: Store, session: LinkSession, connectionId: string): Promise<Connection> {
  const connection =
    session.companyId && isUuid(connectionId) ? await store.connections.findById(session.clientId, session.companyId, connectionId) : undefined;
  if (!connection) throw new AppError('NOT_FOUND', 'This connection no longer exists. Please go back and choose your platform again.');
  return connection;
}
