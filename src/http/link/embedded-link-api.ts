import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { EMBEDDED_LINK_API_PREFIX } from '../../domain/public-urls.js';
import { requireEmbeddedSession, requireEmbedOrigin, verifyCompanyAccess, type EmbeddedCompany } from '../../services/link/embedded-access.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import { openEmbeddedSession } from '../../services/link/open-embedded-session.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import { EmbedSessionBodySchema, EmbedSessionReplySchema, LinkErrorSchema } from '../../wire/link/link-api-schemas.js';
import type { HttpEnv } from '../env.js';
import { clientAddressOf, type TrustedProxies } from './client-address.js';
import { LINK_API_BASE } from './link-api-routes.js';
import { registerEmbeddedConnectionsApi } from './embedded-connections-api.js';
import { registerLinkApi } from './link-api.js';

/** Every embedded call carries these; nothing else is allowed across origins. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-CSRF-Token';
const PREFLIGHT_CACHE_SECONDS = '600';

type EmbeddedVariables = { embedded: EmbeddedCompany; accessToken: string };

/** Set by the prefix's middleware above every embedded route; Hono types variables per chain, not per prefix. */
const embeddedOf = (variables: object): EmbeddedVariables => variables as EmbeddedVariables;

const json = <T extends typeof EmbedSessionReplySchema | typeof LinkErrorSchema>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const openSessionRoute = createRoute({
  method: 'post',
  path: `${EMBEDDED_LINK_API_PREFIX}/sessions`,
  summary: 'Open the Link session of one Link SDK mount',
  hide: true,
  request: { body: { required: true, content: { 'application/json': { schema: EmbedSessionBodySchema } } } },
  responses: {
    200: json(EmbedSessionReplySchema, 'The session'),
    400: json(LinkErrorSchema, 'The options are not valid.'),
    401: json(LinkErrorSchema, 'The access token is missing, expired, revoked or for another company.'),
    403: json(LinkErrorSchema, "The page's origin is not one of the client's CORS origins."),
  },
});

/**
 * Embedded Link's way into the Link API (docs/embedded-link.md): the same routes as Hosted Link
 * under `/link/embed/companies/{companyId}/api`, called from the client's page. The company in
 * the path lets even the preflight, which carries no token, be answered only for the origins
 * that company's client registered with `/corsSettings`; any other origin gets no CORS headers,
 * so the browser hides every answer from it. Calls carry the company access token (never a
 * cookie: `credentials` are not allowed) and, after the first, their session in `X-CSRF-Token`.
 */
export function registerEmbeddedLinkApi(app: OpenAPIHono<HttpEnv>, deps: LinkDeps, wire: WireContext, trustProxy: TrustedProxies): void {
  const clientAddress = clientAddressOf(trustProxy);
  // Hono's path syntax for the middleware; the routes below keep OpenAPI's, which zod-openapi converts.
  app.use(
    `${EMBEDDED_LINK_API_PREFIX.replace('{companyId}', ':companyId')}/*`,
    createMiddleware<{ Variables: EmbeddedVariables }>(async (c, next) => {
      const origin = c.req.header('Origin');
      const embedded = await requireEmbedOrigin(deps, c.req.param('companyId') ?? '', origin);
      c.header('Access-Control-Allow-Origin', origin!);
      c.header('Vary', 'Origin');
      if (c.req.method === 'OPTIONS') {
        c.header('Access-Control-Allow-Methods', 'GET, POST');
        c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        c.header('Access-Control-Max-Age', PREFLIGHT_CACHE_SECONDS);
        return c.body(null, 204);
      }
      c.set('embedded', embedded);
      c.set('accessToken', await verifyCompanyAccess(deps, embedded.company, c.req.header('Authorization')));
      await next();
    }),
  );

  app.openapi(openSessionRoute, async (c) => {
    const { embedded, accessToken } = embeddedOf(c.var);
    const session = await openEmbeddedSession(deps, {
      access: embedded,
      token: accessToken,
      origin: c.req.header('Origin')!,
      options: c.req.valid('json').options,
      component: c.req.valid('json').component,
      clientAddress: clientAddress(c),
    });
    return c.json({ sessionId: session.id, companyId: embedded.company.id }, 200);
  }, (result) => {
    if (!result.success) throw new AppError('BAD_REQUEST', 'The Link options are not valid.');
    return undefined;
  });

  const session = createMiddleware<{ Variables: { linkSession: LinkSession } }>(async (c, next) => {
    const { embedded, accessToken } = embeddedOf(c.var);
    c.set('linkSession', await requireEmbeddedSession(deps, c.req.header('X-CSRF-Token'), accessToken, embedded.company));
    await next();
  });
  registerEmbeddedConnectionsApi(app, deps, wire, session);
  registerLinkApi(app, deps, wire, trustProxy, {
    path: (documented) => `${EMBEDDED_LINK_API_PREFIX}${documented.slice(LINK_API_BASE.length)}`,
    session,
    invite: false,
  });
}
