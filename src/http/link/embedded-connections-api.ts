import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { EMBEDDED_LINK_API_PREFIX } from '../../domain/public-urls.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import { categoryOf } from '../../services/link/link-integrations.js';
import { listCustomerConnections } from '../../services/link/list-customer-connections.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import { CustomerConnectionsReplySchema, LinkErrorSchema } from '../../wire/link/link-api-schemas.js';
import type { HttpEnv } from '../env.js';
import type { LinkSessionMiddleware } from './link-api.js';
import { toLinkConnection } from './link-view-models.js';

const listRoute = createRoute({
  method: 'get',
  path: `${EMBEDDED_LINK_API_PREFIX}/connections`,
  summary: "The Connections SDK's list: the company's Linked, Unlinked and Deauthorized connections",
  hide: true,
  responses: {
    200: { description: 'The connections', content: { 'application/json': { schema: CustomerConnectionsReplySchema } } },
    403: { description: 'No session, or one opened by another token.', content: { 'application/json': { schema: LinkErrorSchema } } },
  },
});

/**
 * What the Connections SDK needs beyond the Link API it shares with the Link SDK: the list of the
 * customer's own connections in every category. Disconnect, reconnect and re-reading one
 * connection are the Link API's own routes, so both SDKs go through the same checks.
 */
export function registerEmbeddedConnectionsApi(app: OpenAPIHono<HttpEnv>, deps: LinkDeps, wire: WireContext, session: LinkSessionMiddleware): void {
  app.openapi({ ...listRoute, middleware: session }, async (c) => {
    const connections = await listCustomerConnections(deps, c.var.linkSession);
    return c.json({ connections: connections.map((connection) => ({ ...toLinkConnection(wire, connection), category: categoryOf(connection.sourceType) ?? null })) }, 200);
  });
}
