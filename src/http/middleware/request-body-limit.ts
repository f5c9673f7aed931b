import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorEnvelope } from '../errors.js';
import type { HttpEnv } from '../env.js';

/**
 * Hono's body limit, applied only to requests that carry a body: on a GET it would still build
 * a full Request object and stream, which costs a tenth of a fast request.
 */
export function requestBodyLimit(maxSize: number): MiddlewareHandler<HttpEnv> {
  const limit = bodyLimit({
    maxSize,
    onError: (c) => c.json(errorEnvelope(413, `Request body exceeds ${maxSize} bytes.`, c.get('correlationId')), 413),
  });
  return (c, next) => (c.req.header('content-length') || c.req.header('transfer-encoding') ? limit(c, next) : next());
}
