import { toIso, type Clock } from '../../domain/clock.js';
import { assertTransition, type Connection, type DataConnectionError } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Store } from '../../storage/ports.js';
import { linkedEventType } from '../../domain/events.js';
import type { EventPublisher } from '../deps.js';
import { requireCompany } from '../companies/require-company.js';

const companyOf = (store: Store, connection: Connection) => requireCompany(store, connection.clientId, connection.companyId);

/**
 * Marks a connection Linked with its credentials sealed (bound to the connection id), resolving
 * earlier errors. One Linked accounting connection per company is checked here and enforced by
 * a unique index underneath.
 */
export async function markConnectionLinked(
  deps: { store: Store; clock: Clock; secrets: SecretBox; events: EventPublisher },
  connection: Connection,
  credentials: Record<string, unknown>,
  connectionInfo: Record<string, unknown> | null,
): Promise<Connection> {
  return deps.store.transaction(async (tx) => {
    assertTransition(connection.status, 'Linked');
    if (connection.sourceType === 'Accounting' && (await tx.connections.hasLinkedAccounting(connection.clientId, connection.companyId, connection.id))) {
      throw new AppError('CONFLICT', 'This business already has a connected accounting platform. Disconnect it first to connect another.');
    }
    const now = toIso(deps.clock.now());
    const linked: Connection = {
      ...connection,
      status: 'Linked',
      modified: now,
      linkedAt: connection.linkedAt ?? now,
      connectionInfo: connectionInfo ?? connection.connectionInfo,
      dataConnectionErrors: connection.dataConnectionErrors.map((e) => (e.status === 'Active' ? { ...e, status: 'Resolved', resolvedOnUtc: now } : e)),
    };
    await tx.connections.update(linked);
    await tx.connections.saveCredentials(connection.clientId, connection.id, deps.secrets.seal(JSON.stringify(credentials), `connection:${connection.id}`));
    await deps.events.publish(tx, { type: linkedEventType(connection.status), company: await companyOf(tx, connection), connection: linked });
    return linked;
  });
}

/** Records a failed authorization as a Codat `dataConnectionErrors` entry; the status is unchanged. */
export async function recordConnectionFailure(
  deps: { store: Store; clock: Clock; events: EventPublisher },
  connection: Connection,
  failure: { statusCode: string; statusText: string; errorMessage: string },
): Promise<Connection> {
  const now = toIso(deps.clock.now());
  const entry: DataConnectionError = { ...failure, erroredOnUtc: now, status: 'Active', resolvedOnUtc: null };
  // Keep the history bounded: the latest 20 errors are plenty to diagnose a connection.
  const failed: Connection = { ...connection, modified: now, dataConnectionErrors: [...connection.dataConnectionErrors, entry].slice(-20) };
  await deps.store.transaction(async (tx) => {
    await tx.connections.update(failed);
    await deps.events.publish(tx, { type: 'connection.failed', company: await companyOf(tx, connection), connection: failed });
  });
  return failed;
}
