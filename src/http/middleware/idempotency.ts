import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isValidIdempotencyKey } from '../../domain/idempotency.js';
import type { ServiceDeps } from '../../services/deps.js';
import { runIdempotently } from '../../services/idempotency/run-idempotently.js';
import { errorEnvelope } from '../api/api-errors.js';
import type { HttpEnv } from '../env.js';

export interface IdempotencyOptions {
  /** Fault injection (tests only): runs after an idempotent request committed, before it is answered. */
  afterCommit?: (() => void) | undefined;
}

/**
 * The `Idempotency-Key` header on the API's POSTs. Every request gets its use-case deps here
 * (`c.var.deps`); a POST with the header gets them bound to one transaction in which its answer
 * is stored too (services/idempotency/run-idempotently.ts), and a retry with the same key and
 * body is answered from that record (`Idempotent-Replayed: true`) without running the handler.
 * Without the header this is one `c.set`: the request runs exactly as it always did.
 */
export function idempotency(deps: ServiceDeps, options: IdempotencyOptions = {}): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    const key = c.req.method === 'POST' ? c.req.header('idempotency-key') : undefined;
    if (key === undefined) return next();
    if (!isValidIdempotencyKey(key)) {
      return c.json(errorEnvelope(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', c.get('correlationId')), 400);
    }
    const text = await c.req.text();
    const requestHash = idempotentRequestHash(c.req.path, text);
    // Parsed here, outside the transaction, for the route's JSON validator (Hono reads its cache;
    // a malformed body still fails there, as without the key).
    c.req.bodyCache.json = parsedJson(text);
    const result = await runIdempotently(deps, c.get('actor'), { key, requestHash }, async (store) => {
      c.set('deps', { ...deps, store });
      await next();
      const response = c.res;
      const body = await response.text();
      c.res = new Response(body === '' ? null : body, response);
      return { status: response.status, body, keep: c.error === undefined && response.status < 400 };
    });
    if (result.replayed) {
      const { status, body: stored } = result.response;
      c.header('Idempotent-Replayed', 'true');
      return stored === '' ? c.body(null, status as ContentfulStatusCode) : c.body(stored, status as ContentfulStatusCode, { 'Content-Type': 'application/json' });
    }
    if (result.outcome.keep) options.afterCommit?.();
  };
}

function parsedJson(text: string): Promise<unknown> {
  try {
    return Promise.resolve(JSON.parse(text) as unknown);
  } catch (error) {
    const failed = Promise.reject(error);
    failed.catch(() => {}); // awaited only by a route that reads a JSON body
    return failed;
  }
}

/** What a key names: the POST's path and its body, byte for byte. */
export function idempotentRequestHash(path: string, body: string): string {
  return createHash('sha256').update(`POST ${path}\n`).update(body).digest('base64url');
}
