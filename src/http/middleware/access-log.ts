import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../env.js';

/** Paths that carry a bearer secret (a staff invitation link's token): logged without it. */
const SECRET_IN_PATH = /^(\/portal\/(?:api\/invitation-links|invitations)\/)[^/]+/;

export const loggablePath = (path: string): string => path.replace(SECRET_IN_PATH, '$1[token]');

/** One structured line per request (method, path, status, duration, correlation id). */
export function accessLog(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const log = c.get('log');
    if (!log.isLevelEnabled('info')) return next();
    const started = performance.now();
    await next();
    log.info(
      {
        correlationId: c.get('correlationId'),
        method: c.req.method,
        path: loggablePath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
