import type { Connection } from '../../domain/connection.js';
import { LINK_CATEGORY_KEYS } from '../../domain/link/link-settings.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ServiceDeps } from '../deps.js';
import { categoryOf } from './link-integrations.js';
import { requireSessionCompany } from './require-link-session.js';

/** The statuses the Connections SDK lists: connections that were authorized once (codat-spec §7). */
const LISTED = new Set<Connection['status']>(['Linked', 'Unlinked', 'Deauthorized']);

/**
 * The customer's own connections for the Connections SDK: every category, whatever the client's
 * Link settings show (Codat's component ignores them), without the PendingAuth ones an abandoned
 * Link visit leaves behind. Grouped by category in Link's order, oldest first within one.
 */
export async function listCustomerConnections(deps: Pick<ServiceDeps, 'store'>, session: LinkSession): Promise<Connection[]> {
  const company = await requireSessionCompany(deps.store, session);
  const connections = await deps.store.connections.listForCompanies(session.clientId, [company.id]);
  const rank = (connection: Connection): number => {
    const category = categoryOf(connection.sourceType);
    return category ? LINK_CATEGORY_KEYS.indexOf(category) : LINK_CATEGORY_KEYS.length;
  };
  return connections
    .filter((connection) => LISTED.has(connection.status))
    .sort((a, b) => rank(a) - rank(b) || a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
}
