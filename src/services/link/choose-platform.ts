import type { Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { createConnection } from '../connections/create-connection.js';
import type { ServiceDeps } from '../deps.js';
import { getVisitSettings } from './get-visit-settings.js';
import { linkIntegrations, PLATFORM_NOT_AVAILABLE } from './link-integrations.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireSessionCompany } from './require-link-session.js';

/**
 * The SMB picked a platform: a PendingAuth connection, as in Codat's Link. A pending one for the
 * same platform is reused, so going back and forth never piles up abandoned connections.
 */
export async function choosePlatform(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'providers' | 'events'>,
  session: LinkSession,
  platformKey: string,
): Promise<Connection> {
  const company = await requireSessionCompany(deps.store, session);
  const settings = await getVisitSettings(deps, session);
  const visible = Object.values(await linkIntegrations(deps, session, settings)).flat();
  const provider = visible.find((candidate) => candidate.key === platformKey);
  if (!provider) throw new AppError('BAD_REQUEST', PLATFORM_NOT_AVAILABLE);
  const existing = (await deps.store.connections.listForCompanies(session.clientId, [company.id])).find(
    (connection) => connection.integrationKey === platformKey && connection.status === 'PendingAuth',
  );
  const connection = existing ?? (await createConnection(deps, { clientId: session.clientId }, company.id, platformKey));
  await recordLinkEvent(deps, session, 'platform_chosen', { connectionId: connection.id, platformKey, sourceType: provider.sourceType });
  return connection;
}
