import { toIso, type Clock } from '../../domain/clock.js';
import type { Connection, DataConnectionError } from '../../domain/connection.js';
import type { ConnectionCredentials } from '../../domain/connection-credentials.js';
import type { Store } from '../../storage/ports.js';
import type { EventPublisher, ServiceDeps } from '../deps.js';
import { requireCompany } from '../companies/require-company.js';
import { markConnectionLinked } from '../connections/mark-connection-linked.js';

/** The business, not a developer, reads this (on its Link page and in the connection's errors). */
export const LINK_ACCOUNTING_CONFLICT = 'This business already has a connected accounting platform. Disconnect it first to connect another.';

/** A connection the business has just authorized becomes Linked, in its own transaction. */
export async function markLinkedFromLink(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'secrets' | 'events' | 'providers'>,
  connection: Connection,
  credentials: ConnectionCredentials,
  connectionInfo: Record<string, unknown> | null,
): Promise<Connection> {
  return deps.store.transaction((tx) =>
    markConnectionLinked(deps, tx, connection, credentials, { connectionInfo, accountingConflictMessage: LINK_ACCOUNTING_CONFLICT }),
  );
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
    await deps.events.publish(tx, { type: 'connection.failed', company: await requireCompany(tx, connection.clientId, connection.companyId), connection: failed });
  });
  return failed;
}
