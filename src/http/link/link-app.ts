import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { LinkDeps } from '../../services/link/link-deps.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import { respondWithFriendlyPage, respondWithLinkApiError } from '../browser-errors.js';
import type { HttpEnv } from '../env.js';
import type { TrustedProxies } from './client-address.js';
import { rejectUnstorableText } from '../middleware/reject-unstorable-text.js';
import { requestBodyLimit } from '../middleware/request-body-limit.js';
import { notFoundWith } from '../not-found.js';
import { registerEmbeddedLinkApi } from './embedded-link-api.js';
import { registerLinkApi } from './link-api.js';
import { registerLinkAssets } from './link-assets.js';
import { registerLinkPages } from './link-pages.js';
import { linkSecurityHeaders } from './link-security-headers.js';

export interface LinkAppOptions {
  deps: LinkDeps;
  wire: WireContext;
  linkAssetsDir: string;
  trustProxy: TrustedProxies;
  maxBodyBytes: number;
}

/**
 * The Hosted Link surface (`/link/*`): no API key (the session and the browser cookie are the
 * credentials), the strict Link CSP on every response, and errors for people. It is two apps
 * because it has two audiences: the Link app's JSON API answers `{error:{code,message,…}}`,
 * the pages answer a friendly HTML page. Each claims every path under its prefix, so an unknown
 * Link path never reaches the API's key check.
 */
export function createLinkApp(options: LinkAppOptions): Hono<HttpEnv> {
  const link = new Hono<HttpEnv>();
  link.use('/link/*', linkSecurityHeaders());
  link.use('/link/assets/*', compress());
  link.route('/', createLinkJsonApi(options));
  link.route('/', createLinkPages(options));
  return link;
}

function createLinkJsonApi(options: LinkAppOptions): Hono<HttpEnv> {
  // OpenAPIHono for its zod-validated routes (src/wire/link); the document is the API surface's.
  const api = new OpenAPIHono<HttpEnv>();
  api.onError((error, c) => respondWithLinkApiError(c, error));
  // The same limit as the Platform API: Link's bodies (events, credentials forms) are far smaller.
  // The embedded Link API only: /link/embed/authorize is a page and answers pages' errors.
  for (const prefix of ['/link/api/*', '/link/embed/companies/*']) {
    api.use(prefix, requestBodyLimit(options.maxBodyBytes, (c) => respondWithLinkApiError(c, new HTTPException(413))));
    api.use(prefix, rejectUnstorableText());
  }
  registerLinkApi(api, options.deps, options.wire, options.trustProxy);
  registerEmbeddedLinkApi(api, options.deps, options.wire, options.trustProxy);
  api.all('/link/api/*', notFoundWith(respondWithLinkApiError));
  api.all('/link/embed/companies/*', notFoundWith(respondWithLinkApiError));
  return api;
}

/** Pages read no request body (they are GETs), so they need no body limit. */
function createLinkPages(options: LinkAppOptions): Hono<HttpEnv> {
  const pages = new Hono<HttpEnv>();
  pages.onError((error, c) => respondWithFriendlyPage(c, error));
  pages.use('/link/*', rejectUnstorableText());
  registerLinkAssets(pages, options.linkAssetsDir);
  registerLinkPages(pages, options.deps, options.trustProxy);
  pages.all('/link/*', notFoundWith(respondWithFriendlyPage));
  return pages;
}
