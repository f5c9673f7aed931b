import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { LinkDeps } from '../services/link/link-deps.js';
import { createApiApp, describeApi } from './api/api-app.js';
import { respondWithApiError } from './api/api-errors.js';
import type { WireContext } from '../wire/codat/wire-context.js';
import { createDocsApp } from './docs/docs-app.js';
import { createEmbedApp, embedAssetsDirBeside } from './embed/embed-app.js';
import type { TrustedProxies } from './link/client-address.js';
import type { HttpEnv } from './env.js';
import { registerLinkApiDocumentation } from './link/link-api-routes.js';
import { createLinkApp } from './link/link-app.js';
import { accessLog } from './middleware/access-log.js';
import { correlationId } from './middleware/correlation-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { notFoundWith } from './not-found.js';
import { createSandboxApp } from './sandbox/sandbox-app.js';
import { createProxyApp } from './proxy/proxy-app.js';
import { createPortalApp } from './portal/portal-app.js';
import { portalAssetsDirBeside } from './portal/portal-assets.js';
import { clientAddressOf } from './link/client-address.js';
import { registerProxyDocumentation } from './proxy/proxy-documentation.js';
import type { UpstreamClient } from '../outbound/upstream-client.js';

export interface AppOptions {
  deps: LinkDeps;
  sandboxSigningKey: Buffer;
  sandboxTokenTtls: { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };
  linkAssetsDir: string;
  /** The built Portal app; default: `portal/` beside the Link app's directory. */
  portalAssetsDir?: string | undefined;
  /** The built Embedded Link modules; default: `embed/` beside the Link app's directory. */
  embedAssetsDir?: string | undefined;
  trustProxy: TrustedProxies;
  wire: WireContext;
  log: Logger;
  maxBodyBytes: number;
  version: string;
  /** The proxy's way out to platform APIs (destination-guarded, kept-alive sockets). */
  proxyUpstream: UpstreamClient;
  /** Fault injection (tests only, DOORWAY_FAULT_INJECTION): see createApiApp. */
  afterIdempotentCommit?: (() => void) | undefined;
}

/**
 * Mounts the surfaces; each brings its own authentication, headers, body limit and error
 * format. Order matters: the API's routes live at the root and its key check covers every path
 * left over, so the surfaces that claim their own paths (docs, Link, Sandbox, the Portal, the
 * Embedded Link modules, the proxy) come first.
 */
export function createApp(options: AppOptions): Hono<HttpEnv> {
  const { deps, wire, maxBodyBytes } = options;
  const api = createApiApp({ deps, wire, maxBodyBytes, afterIdempotentCommit: options.afterIdempotentCommit });
  registerLinkApiDocumentation(api.openAPIRegistry); // the one document lists the internal Link API too
  registerProxyDocumentation(api.openAPIRegistry); // routed by its own sub-app, described with the API
  const app = new Hono<HttpEnv>();

  app.use('*', correlationId(options.log));
  app.use('*', accessLog());
  app.use('*', securityHeaders());
  // The API surface has no handler of its own (see createApiApp), and a path no surface
  // claims is answered as the API would answer it.
  app.onError((error, c) => respondWithApiError(c, error));
  app.notFound(notFoundWith(respondWithApiError));

  const describe = () => describeApi(api, { version: options.version, publicUrl: wire.publicUrl });
  app.route('/', createDocsApp({ providers: deps.providers, version: options.version, describeApi: describe }));
  app.route('/', createLinkApp({ deps, wire, linkAssetsDir: options.linkAssetsDir, trustProxy: options.trustProxy, maxBodyBytes }));
  app.route(
    '/',
    createSandboxApp({
      signingKey: options.sandboxSigningKey,
      clientId: deps.sandboxOAuthApp.clientId,
      clientSecret: deps.sandboxOAuthApp.clientSecret,
      publicUrl: deps.publicUrl,
      grants: deps.store.sandboxGrants,
      ...options.sandboxTokenTtls,
      clock: deps.clock,
      maxBodyBytes,
    }),
  );
  app.route(
    '/',
    createPortalApp({
      deps,
      assetsDir: options.portalAssetsDir ?? portalAssetsDirBeside(options.linkAssetsDir),
      clientAddress: clientAddressOf(options.trustProxy),
      maxBodyBytes,
      version: options.version,
    }),
  );
  app.route('/', createEmbedApp({ assetsDir: options.embedAssetsDir ?? embedAssetsDirBeside(options.linkAssetsDir) }));
  app.route('/', createProxyApp({ deps, publicUrl: deps.publicUrl, upstream: options.proxyUpstream }));
  app.route('/', api);
  return app;
}
