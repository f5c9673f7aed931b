import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HttpEnv } from '../env.js';

/**
 * Request size limit at the cost of a header check. Hono's bodyLimit wraps the body in a new
 * Request and stream, a tenth of a fast request, so it is kept only for chunked bodies, whose
 * size is unknown up front; a declared Content-Length is enforced by Node itself (a body cannot
 * exceed it), so comparing the header is enough. Each surface answers in its own error format.
 */
export function requestBodyLimit(maxSize: number, tooLarge: (c: Context<HttpEnv>) => Response): MiddlewareHandler<HttpEnv> {
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined) return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
    return c.req.header('transfer-encoding') ? streaming(c, next) : next();
  };
}
