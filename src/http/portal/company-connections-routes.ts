import type { Hono } from 'hono';
import { deleteConnection } from '../../services/connections/delete-connection.js';
import { unlinkConnection } from '../../services/connections/unlink-connection.js';
import { portalConnectionView } from '../../wire/portal/companies.js';
import { platformNames } from './companies-routes.js';
import { requireRole } from './portal-auth.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/** The Company page's connection actions: unlink (tokens erased and revoked) and delete. */
export function registerCompanyConnectionsRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.post('/portal/api/companies/:companyId/connections/:connectionId/unlink', async (c) => {
    requireRole(c, 'developer');
    const connection = await unlinkConnection(deps, c.get('actor'), c.req.param('companyId'), c.req.param('connectionId'), 'Unlinked');
    return c.json(portalConnectionView(connection, deps.urls, platformNames(deps)));
  });
  api.delete('/portal/api/companies/:companyId/connections/:connectionId', async (c) => {
    requireRole(c, 'developer');
    await deleteConnection(deps, c.get('actor'), c.req.param('companyId'), c.req.param('connectionId'));
    return c.body(null, 204);
  });
}
