import type { MiddlewareHandler } from 'hono';

/**
 * Link pages can never be framed and run no inline script: a strict CSP on every /link and
 * /sandbox response. Images may come from https (client logos), nothing else from elsewhere.
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

export function linkSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy') || c.res.headers.get('Content-Security-Policy') === "frame-ancestors 'none'") {
      c.header('Content-Security-Policy', LINK_CSP);
    }
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
  };
}
