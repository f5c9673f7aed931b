import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../domain/errors.js';
import { lazyDecoyPasswordHash } from '../../services/portal-auth/decoy-password-hash.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import { respondWithFriendlyPage } from '../browser-errors.js';
import type { HttpEnv } from '../env.js';
import { linkSecurityHeaders } from '../link/link-security-headers.js';
import { rejectUnstorableText } from '../middleware/reject-unstorable-text.js';
import { requestBodyLimit } from '../middleware/request-body-limit.js';
import { notFoundWith } from '../not-found.js';
import { requireStaff } from './portal-auth.js';
import type { PortalContext } from './portal-context.js';
import { ensurePreSessionCsrf } from './portal-cookies.js';
import type { PortalEnv } from './portal-env.js';
import { respondWithPortalApiError } from './portal-errors.js';
import { registerPortalAssets } from './portal-assets.js';
import { renderPortalShell } from './portal-shell.js';
import { registerSessionRoutes, registerSignInRoute } from './session-routes.js';
import { registerApiKeysRoutes } from './api-keys-routes.js';
import { registerWebhooksRoutes } from './webhooks-routes.js';
import { registerCompaniesRoutes } from './companies-routes.js';
import { registerCompanyConnectionsRoutes } from './company-connections-routes.js';
import { registerIntegrationsRoutes } from './integrations-routes.js';
import { registerLinkSettingsRoutes } from './link-settings-routes.js';
import { registerEmbeddedLinkRoutes } from './embedded-link-routes.js';
import { registerFunnelRoutes } from './funnel-routes.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerInvitationLinkRoutes } from './invitation-link-routes.js';
import { registerUsersRoutes } from './users-routes.js';

export interface PortalAppOptions {
  deps: LinkDeps;
  assetsDir: string;
  clientAddress(c: Context): string;
  maxBodyBytes: number;
  version: string;
}

/**
 * The Portal surface (`/portal/*`), for the client's staff: the page (one HTML shell, routed in
 * the browser), its assets, and its JSON API (`/portal/api/*`), which signs in with a server-side
 * session cookie, checks a CSRF token on every change and each route's role, and calls the same
 * services as the public API with the signed-in user's client as the actor. Errors are JSON for
 * the API and a friendly page for pages; the Link CSP (no framing, no inline script) on all of it.
 */
export function createPortalApp(options: PortalAppOptions): Hono<HttpEnv> {
  const { deps } = options;
  const portal: PortalContext = {
    deps,
    publicOrigin: new URL(deps.urls.base).origin,
    secureCookies: deps.urls.base.startsWith('https:'),
    clientAddress: options.clientAddress,
    decoyHash: lazyDecoyPasswordHash(),
    version: options.version,
  };
  const app = new Hono<HttpEnv>();
  app.use('/portal/*', linkSecurityHeaders({ noStore: false }));
  app.use('/portal/assets/*', compress());
  app.route('/', createPortalJsonApi(portal, options.maxBodyBytes));
  app.route('/', createPortalPages(portal, options.assetsDir));
  return app;
}

function createPortalJsonApi(portal: PortalContext, maxBodyBytes: number): Hono<HttpEnv> {
  const api = new Hono<PortalEnv>();
  api.onError((error, c) => respondWithPortalApiError(c, error));
  api.use('/portal/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  api.use('/portal/api/*', requestBodyLimit(maxBodyBytes, (c) => respondWithPortalApiError(c, new HTTPException(413))));
  api.use('/portal/api/*', rejectUnstorableText());
  registerSignInRoute(api, portal);
  registerInvitationLinkRoutes(api, portal);
  // Everything registered after this line needs a signed-in user.
  api.use('/portal/api/*', requireStaff(portal.deps, portal.publicOrigin));
  registerSessionRoutes(api, portal);
  registerApiKeysRoutes(api, portal);
  registerWebhooksRoutes(api, portal);
  registerCompaniesRoutes(api, portal);
  registerCompanyConnectionsRoutes(api, portal);
  registerLinkSettingsRoutes(api, portal);
  registerEmbeddedLinkRoutes(api, portal);
  registerIntegrationsRoutes(api, portal);
  registerFunnelRoutes(api, portal);
  registerAccountRoutes(api, portal);
  registerUsersRoutes(api, portal);
  api.all('/portal/api/*', (c) => respondWithPortalApiError(c, new AppError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)));
  return api as unknown as Hono<HttpEnv>;
}

function createPortalPages(portal: PortalContext, assetsDir: string): Hono<HttpEnv> {
  const pages = new Hono<HttpEnv>();
  pages.onError((error, c) => respondWithFriendlyPage(c, error));
  registerPortalAssets(pages, assetsDir);
  pages.all('/portal/assets/*', notFoundWith(respondWithFriendlyPage));
  const shell = (c: Context<HttpEnv>) => {
    c.header('Cache-Control', 'no-store');
    return c.html(renderPortalShell({ preSessionCsrfToken: ensurePreSessionCsrf(c, portal.secureCookies), version: portal.version }));
  };
  pages.get('/portal', shell);
  pages.get('/portal/*', shell);
  pages.all('/portal/*', notFoundWith(respondWithFriendlyPage));
  return pages;
}
