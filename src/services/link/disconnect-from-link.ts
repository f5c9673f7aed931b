import { toIso } from '../../domain/clock.js';
import { assertUnlinkable, type Connection } from '../../domain/connection.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ServiceDeps } from '../deps.js';
import { eraseCredentials, revokeAfterCommit, type RevocationDeps } from '../connections/revoke-platform-tokens.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireLinkConnection } from './require-link-connection.js';
import { requireSessionCompany } from './require-link-session.js';

/** A returning SMB disconnects a platform from its Link page (Linked → Unlinked): credentials erased, tokens revoked after the commit. */
export async function disconnectFromLink(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'> & RevocationDeps,
  session: LinkSession,
  connectionId: string,
): Promise<Connection> {
  const connection = await requireLinkConnection(deps.store, session, connectionId);
  assertUnlinkable(connection.status, 'Unlinked');
  const unlinked: Connection = { ...connection, status: 'Unlinked', modified: toIso(deps.clock.now()) };
  const revocation = await deps.store.transaction(async (tx) => {
    await tx.connections.update(unlinked);
    const pending = await eraseCredentials(deps, tx, connection);
    const company = await requireSessionCompany(tx, session);
    await deps.events.publish(tx, { type: 'connection.disconnected', company, connection: unlinked });
    return pending;
  });
  await revokeAfterCommit(deps, [revocation]);
  await recordLinkEvent(deps, session, 'disconnected', { connectionId, platformKey: connection.integrationKey, sourceType: connection.sourceType });
  return unlinked;
}
