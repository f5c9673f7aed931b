import { toIso } from '../../domain/clock.js';
import { linkedConnection, type Connection } from '../../domain/connection.js';
import type { ConnectionCredentials } from '../../domain/connection-credentials.js';
import { AppError } from '../../domain/errors.js';
import { linkedEventType } from '../../domain/events.js';
import type { Store } from '../../storage/ports.js';
import { requireCompany } from '../companies/require-company.js';
import type { ServiceDeps } from '../deps.js';
import { saveConnectionCredentials } from './connection-credentials.js';
import { scheduleTokenRefresh } from './schedule-token-refresh.js';

/** Said to the client's developers (the API); the Link flow speaks to the business instead. */
export const API_ACCOUNTING_CONFLICT = 'This company already has another Linked accounting connection; a company may have only one.';

export interface MarkLinkedOptions {
  /** The connection's `connectionInfo` from now on; omit (or null) to keep what it has. */
  connectionInfo?: Record<string, unknown> | null;
  /** The 409's message when the company already has another Linked accounting connection. */
  accountingConflictMessage?: string;
}

/**
 * The one way a connection becomes Linked, for the API's `PUT /authorization` and every Link
 * path alike: the transition checked by the domain, active errors resolved, the credentials
 * sealed (bound to the connection id), its token refresh scheduled, and `connection.connected` (first link) or
 * `connection.reconnected` published. Run it inside the caller's transaction (`tx`) so all of
 * it commits together. One Linked accounting connection per company is checked here and
 * enforced by a unique index underneath.
 */
export async function markConnectionLinked(
  deps: Pick<ServiceDeps, 'clock' | 'secrets' | 'events' | 'providers'>,
  tx: Store,
  connection: Connection,
  credentials: ConnectionCredentials,
  options: MarkLinkedOptions = {},
): Promise<Connection> {
  const now = deps.clock.now();
  const linked = linkedConnection(connection, toIso(now), options.connectionInfo ?? connection.connectionInfo);
  if (connection.sourceType === 'Accounting' && (await tx.connections.hasLinkedAccounting(connection.clientId, connection.companyId, connection.id))) {
    throw new AppError('CONFLICT', options.accountingConflictMessage ?? API_ACCOUNTING_CONFLICT);
  }
  await tx.connections.update(linked);
  // A token set records when it was obtained, so its lifetime bounds the refresh margin.
  const stored = credentials.kind === 'oauth2' && !credentials.obtainedAt ? { ...credentials, obtainedAt: toIso(now) } : credentials;
  await saveConnectionCredentials(tx, deps.secrets, linked, stored);
  await scheduleTokenRefresh(deps, tx, linked, stored, now);
  const company = await requireCompany(tx, connection.clientId, connection.companyId);
  await deps.events.publish(tx, { type: linkedEventType(connection.status), company, connection: linked });
  return linked;
}
