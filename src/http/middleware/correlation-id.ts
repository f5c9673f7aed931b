import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { HttpEnv } from '../env.js';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/**
 * Every response carries a correlation id: the caller's own (if it sent a sane one) or a new one,
 * and every log line of the request carries it too. The header is set before the handler runs
 * so @hono/node-server keeps its fast response path (touching headers afterwards defeats it).
 */
export function correlationId(log: Logger): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const incoming = c.req.header(CORRELATION_HEADER);
    const id = incoming && /^[A-Za-z0-9._-]{8,128}$/.test(incoming) ? incoming : randomUUID().replaceAll('-', '');
    c.set('correlationId', id);
    c.set('log', log);
    c.header(CORRELATION_HEADER, id);
    await next();
  };
}
