import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { createDestinationGuard, type DestinationPolicy } from './destination-guard.js';

/**
 * A WHATWG `fetch` for every request Doorway sends to a platform (token, revocation and
 * connectionInfo endpoints, the API proxy), built on node:http/https so the destination guard
 * applies on the address actually connected to (see destination-guard.ts). Usable wherever a
 * fetch is taken, oauth4webapi's `customFetch` included (it passes a URL string and
 * `{method, headers, body, redirect: 'manual', signal}`).
 *
 * - No redirect is ever followed, whatever `redirect` says: a 3xx comes back as it is, so a
 *   platform cannot point Doorway at another host (the guard would be re-checked, but tokens
 *   and client secrets must not follow a redirect either).
 * - `timeoutMs` bounds the wait for the response headers; the caller's `signal` bounds
 *   everything, body included (oauth4webapi passes one per token request).
 * - Kept-alive sockets per origin, closed by `close()`.
 * - A refused destination rejects like fetch's network errors: a TypeError whose `cause` is the
 *   DestinationRefusedError (code ERR_DESTINATION_REFUSED).
 */
export interface GuardedFetch {
  fetch: typeof globalThis.fetch;
  close(): void;
}

export interface GuardedFetchOptions extends DestinationPolicy {
  /** Sent unless the caller sets its own User-Agent. */
  userAgent: string;
  /** Budget until the response headers arrive, in ms. */
  timeoutMs: number;
  maxSocketsPerOrigin?: number;
}

/** Statuses whose Response may not carry a body (the WHATWG constructor refuses one). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const guard = createDestinationGuard(options);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerOrigin ?? 32, timeout: 30_000, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  async function guardedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const target = new URL(request.url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new TypeError('fetch failed', { cause: new Error(`Only http and https URLs are allowed (got ${target.protocol})`) });
    }
    const refused = guard.checkHost(target.hostname);
    if (refused) throw new TypeError('fetch failed', { cause: refused });
    const { signal } = request;
    signal.throwIfAborted();
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());

    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers['user-agent'] ??= options.userAgent;
    if (body !== undefined) headers['content-length'] = String(body.length);

    return new Promise<Response>((resolve, reject) => {
      const isHttps = target.protocol === 'https:';
      const outgoing = (isHttps ? https : http).request(target, {
        method: request.method,
        headers,
        agent: isHttps ? httpsAgent : httpAgent,
        lookup: guard.lookup,
      });
      let answered = false;
      const fail = (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (!answered) reject(error instanceof DOMException || error instanceof TypeError ? error : new TypeError('fetch failed', { cause: error }));
      };
      const onAbort = () => {
        fail(signal.reason);
        outgoing.destroy(signal.reason instanceof Error ? signal.reason : undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => {
        const timeout = new DOMException(`No response within ${options.timeoutMs} ms`, 'TimeoutError');
        fail(timeout);
        outgoing.destroy(timeout);
      }, options.timeoutMs);

      outgoing.on('error', fail);
      outgoing.on('response', (incoming) => {
        clearTimeout(timer);
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) {
          incoming.destroy();
          fail(new Error(`Unsupported HTTP status ${status}`));
          return;
        }
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) responseHeaders.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
        // The caller's signal still governs the body: aborting destroys the stream it reads.
        incoming.on('close', () => signal.removeEventListener('abort', onAbort));
        const hasBody = !NULL_BODY_STATUSES.has(status) && request.method !== 'HEAD';
        if (!hasBody) incoming.resume();
        answered = true;
        resolve(
          new Response(hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : null, {
            status,
            statusText: incoming.statusMessage ?? '',
            headers: responseHeaders,
          }),
        );
      });
      outgoing.end(body);
    });
  }

  return {
    fetch: guardedFetch as typeof globalThis.fetch,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
