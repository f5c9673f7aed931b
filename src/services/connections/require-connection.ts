import type { Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Store } from '../../storage/ports.js';
import { requireCompany } from '../companies/require-company.js';

/** Loads a connection of this client's company or fails with Codat's 404 messages. */
export async function requireConnection(store: Store, clientId: string, companyId: string, connectionId: string): Promise<Connection> {
  await requireCompany(store, clientId, companyId);
  const connection = isUuid(connectionId) ? await store.connections.findById(clientId, companyId, connectionId) : undefined;
  if (!connection) throw new AppError('NOT_FOUND', `Data connection ${connectionId} not found.`);
  return connection;
}
