import type { MiddlewareHandler } from 'hono';

/**
 * Headers for every response: no sniffing, no framing, no referrer leaks. Set before the
 * handler runs (Hono applies them to the response it builds), because reading or writing
 * `c.res.headers` afterwards forces @hono/node-server off its fast path. Link pages replace the
 * CSP with their stricter one.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Content-Security-Policy', "frame-ancestors 'none'");
    await next();
  };
}
