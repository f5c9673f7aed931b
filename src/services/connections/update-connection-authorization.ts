import { toIso } from '../../domain/clock.js';
import { assertTransition, type Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import { linkedEventType } from '../../domain/events.js';
import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireConnection } from './require-connection.js';

export const MAX_AUTHORIZATION_FIELDS = 50;

/**
 * PUT `/authorization`: migrates credentials the client already holds (e.g. tokens from another
 * aggregator). They are stored sealed with AES-256-GCM, bound to this connection, and the
 * connection becomes Linked.
 */
export async function updateConnectionAuthorization(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'secrets' | 'events'>,
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
    assertTransition(existing.status, 'Linked');
    if (
      existing.sourceType === 'Accounting' &&
      (await tx.connections.hasLinkedAccounting(actor.clientId, existing.companyId, existing.id))
    ) {
      throw new AppError('CONFLICT', 'This company already has another Linked accounting connection; a company may have only one.');
    }
    const now = toIso(deps.clock.now());
    const connection: Connection = {
      ...existing,
      status: 'Linked',
      modified: now,
      linkedAt: existing.linkedAt ?? now,
    };
    await tx.connections.update(connection);
    await tx.connections.saveCredentials(actor.clientId, connection.id, deps.secrets.seal(JSON.stringify(credentials), `connection:${connection.id}`));
    const company = await requireCompany(tx, actor.clientId, companyId);
    await deps.events.publish(tx, { type: linkedEventType(existing.status), company, connection });
    return connection;
  });
}
