import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../env.js';

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
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
