import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The address Link's rate limits count a request against (behind TRUST_PROXY, from X-Forwarded-For). */
export function clientAddressOf(trustProxy: boolean): (c: Context) => string {
  return (c) => {
    const forwarded = trustProxy ? c.req.header('X-Forwarded-For')?.split(',')[0]?.trim() : undefined;
    if (forwarded) return forwarded;
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // not served by @hono/node-server (e.g. app.request in a test)
    }
  };
}
