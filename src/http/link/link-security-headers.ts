import type { Context, MiddlewareHandler } from 'hono';

/**
 * Link pages can never be framed and run no inline script: a strict CSP on every /link and
 * /sandbox response. Images may come from https (client logos), nothing else from elsewhere.
 * Set before the handler, which may replace them (the Sandbox page's form-action, asset caching).
 */
export const LINK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `noStore: false` for a surface that sets its caching per route (the Portal, whose assets are
 * cacheable); Link's responses are never stored.
 */
export function linkSecurityHeaders(options: { noStore?: boolean } = {}): MiddlewareHandler {
  const noStore = options.noStore ?? true;
  return async (c, next) => {
    c.header('Content-Security-Policy', LINK_CSP);
    c.header('X-Frame-Options', 'DENY');
    if (noStore) c.header('Cache-Control', 'no-store');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    await next();
  };
}

/**
 * `same-origin` puts a Link page in a browsing context group of its own, which severs a popup
 * from the client's page that opened it: the opener sees it closed at once and can receive no
 * message. The responses an embedded authorization popup passes through (the embedded authorize
 * redirect, the Sandbox's consent page and its answer, the callback's result) keep the opener
 * instead; every other Link page keeps `same-origin`. A single `same-origin` response on the way,
 * redirects included, would sever it for good.
 */
export function keepOpener(c: Context): void {
  c.header('Cross-Origin-Opener-Policy', 'unsafe-none');
}
