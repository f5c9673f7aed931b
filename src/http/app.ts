import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors.js';
import { compress } from 'hono/compress';
import type { LinkDeps } from '../services/link/link-deps.js';
import { registerLinkSettingsRoutes } from './api/link-settings-routes.js';
import { registerWebhookDeliveryRoutes } from './api/webhook-delivery-routes.js';
import { registerLinkApi } from './link/link-api.js';
import { registerLinkAssets } from './link/link-assets.js';
import { registerLinkPages } from './link/link-pages.js';
import { linkSecurityHeaders } from './link/link-security-headers.js';
import { registerSandboxRoutes } from './sandbox/sandbox-routes.js';
import { registerCompanyRoutes } from './api/companies-routes.js';
import { registerConnectionRoutes } from './api/connections-routes.js';
import { registerIntegrationRoutes } from './api/integrations-routes.js';
import { registerSettingsRoutes } from './api/settings-routes.js';
import { registerWebhookConsumerRoutes } from './api/webhook-consumers-routes.js';
import type { WireContext } from '../wire/codat/wire-context.js';
import { renderApiReference } from './docs/api-reference-page.js';
import type { HttpEnv } from './env.js';
import { errorEnvelope, respondWithError } from './errors.js';
import { accessLog } from './middleware/access-log.js';
import { apiKeyAuth } from './middleware/api-key-auth.js';
import { requestBodyLimit } from './middleware/request-body-limit.js';
import { correlationId } from './middleware/correlation-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { monogramSvg } from './static/monogram-logo.js';

export interface AppOptions {
  deps: LinkDeps;
  sandboxSigningKey: Buffer;
  linkAssetsDir: string;
  trustProxy: boolean;
  wire: WireContext;
  log: Logger;
  maxBodyBytes: number;
  version: string;
}

/** Paths that need no API key; everything else on the API surface does. */
const PUBLIC_PREFIXES = ['/healthz', '/openapi.json', '/docs', '/static/', '/link/', '/sandbox/'];

/** Composes the HTTP surface: the Codat-compatible API, its documentation and health. */
export function createApp(options: AppOptions): OpenAPIHono<HttpEnv> {
  const { deps, wire, log } = options;
  const app = new OpenAPIHono<HttpEnv>({
    // zod failures on params, query or body become Codat's 400 envelope with one item per issue.
    defaultHook: (result, c) => {
      if (result.success) return;
      const validation = result.error.issues.map((issue) => ({
        itemId: issue.path.join('.') || null,
        message: issue.message,
        validatorName: result.target,
      }));
      const summary = validation.map((v) => (v.itemId ? `${v.itemId}: ${v.message}` : v.message)).join('; ');
      return c.json(errorEnvelope(400, `Invalid ${result.target}: ${summary}`, c.get('correlationId'), validation), 400);
    },
  });

  app.use('*', correlationId(log));
  app.use('*', accessLog());
  app.use('*', securityHeaders());
  app.use('*', requestBodyLimit(options.maxBodyBytes));
  app.use('/link/*', linkSecurityHeaders());
  app.use('/sandbox/*', linkSecurityHeaders());
  app.use('/link/assets/*', compress());
  app.onError((error, c) => respondWithError(c, error));
  app.notFound((c) => respondWithError(c, new AppError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)));

  app.get('/healthz', (c) => c.json({ status: 'ok', version: options.version }));
  app.get('/static/logos/:file{[a-z]{4}\\.svg}', (c) => {
    const key = c.req.param('file').slice(0, 4);
    const provider = deps.providers.get(key);
    if (!provider) return respondWithError(c, new AppError('NOT_FOUND', `No logo for ${key}.`));
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(monogramSvg(provider.key, provider.name));
  });

  registerLinkAssets(app, options.linkAssetsDir);
  registerLinkPages(app, deps);
  registerLinkApi(app, deps, wire, options.trustProxy);
  registerSandboxRoutes(app, {
    signingKey: options.sandboxSigningKey,
    clientId: deps.sandboxOAuthApp.clientId,
    clientSecret: deps.sandboxOAuthApp.clientSecret,
    publicUrl: deps.publicUrl,
  });

  const auth = apiKeyAuth(deps);
  app.use('*', async (c, next) => (PUBLIC_PREFIXES.some((prefix) => c.req.path.startsWith(prefix)) ? next() : auth(c, next)));

  app.openAPIRegistry.registerComponent('securitySchemes', 'auth_header', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'Basic base64(apiKey), exactly as Codat: `Authorization: Basic <base64 of the key>`.',
  });
  registerCompanyRoutes(app, deps, wire);
  registerConnectionRoutes(app, deps, wire);
  registerIntegrationRoutes(app, deps, wire);
  registerSettingsRoutes(app, deps);
  registerWebhookConsumerRoutes(app, deps);
  registerLinkSettingsRoutes(app, deps);
  registerWebhookDeliveryRoutes(app, deps);

  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Doorway',
      version: options.version,
      description:
        'A self-hosted, Codat-compatible Platform API. Code written for `@codat/platform` works by changing only `serverURL`. Operations tagged "Doorway extensions" are not part of Codat\'s API.',
    },
    servers: [{ url: wire.publicUrl }],
  };
  app.doc31('/openapi.json', documentConfig);
  app.get('/docs', (c) => c.html(renderApiReference(app.getOpenAPI31Document(documentConfig) as never)));
  return app;
}
