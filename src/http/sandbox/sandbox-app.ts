import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { respondWithFriendlyPage } from '../browser-errors.js';
import type { HttpEnv } from '../env.js';
import { linkSecurityHeaders } from '../link/link-security-headers.js';
import { rejectUnstorableText } from '../middleware/reject-unstorable-text.js';
import { requestBodyLimit } from '../middleware/request-body-limit.js';
import { notFoundWith } from '../not-found.js';
import { registerSandboxRoutes, type SandboxRouteOptions } from './sandbox-routes.js';

export interface SandboxAppOptions extends SandboxRouteOptions {
  maxBodyBytes: number;
}

/**
 * The Sandbox platform surface (`/sandbox/*`): no API key (its token endpoint and read API
 * check their own client and bearer credentials), the Link security headers, friendly pages
 * for errors, and every path under its prefix claimed here.
 */
export function createSandboxApp(options: SandboxAppOptions): Hono<HttpEnv> {
  const { maxBodyBytes, ...routeOptions } = options;
  const sandbox = new Hono<HttpEnv>();
  sandbox.onError((error, c) => respondWithFriendlyPage(c, error));
  sandbox.use('/sandbox/*', linkSecurityHeaders());
  sandbox.use('/sandbox/*', requestBodyLimit(maxBodyBytes, (c) => respondWithFriendlyPage(c, new HTTPException(413))));
  sandbox.use('/sandbox/*', rejectUnstorableText());
  registerSandboxRoutes(sandbox, routeOptions);
  sandbox.all('/sandbox/*', notFoundWith(respondWithFriendlyPage));
  return sandbox;
}
