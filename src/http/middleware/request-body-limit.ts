import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorEnvelope } from '../errors.js';
import type { HttpEnv } from '../env.js';

/**
 * Request size limit at the cost of a header check. Hono's bodyLimit wraps the body in a new
 * Request and stream, a tenth of a fast request, so it is kept only for chunked bodies, whose
 * size is unknown up front; a declared Content-Length is enforced by Node itself (a body cannot
 * exceed it), so comparing the header is enough.
 */
export function requestBodyLimit(maxSize: number): MiddlewareHandler<HttpEnv> {
  const tooLarge = (c: Parameters<MiddlewareHandler<HttpEnv>>[0]) =>
    c.json(errorEnvelope(413, `Request body exceeds ${maxSize} bytes.`, c.get('correlationId')), 413);
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined) return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
    return c.req.header('transfer-encoding') ? streaming(c, next) : next();
  };
}
