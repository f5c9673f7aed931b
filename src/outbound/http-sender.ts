import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { createDestinationGuard, DESTINATION_NOT_ALLOWED, DestinationRefusedError, type DestinationPolicy } from './destination-guard.js';

/**
 * One outbound POST (a webhook delivery; later token requests), reduced to what a log of
 * attempts needs. Every caller's request to an address it was given goes through here, so the
 * destination guard is never skipped. Deliberately strict:
 * - no redirects are followed (a 3xx is a failed attempt; following one would let a receiver
 *   point us anywhere, and the body signature is bound to the consumer's URL anyway);
 * - one timer covers the whole attempt (connect, send, response headers); a 2xx whose body is
 *   still trickling in when it fires still counts;
 * - at most RESPONSE_READ_LIMIT bytes of the response are read, the rest is discarded;
 * - destinations are checked by the destination guard at connect time.
 * `send` never throws: every outcome, errors included, is a `SendResult`.
 */
export interface SendResult {
  /** The HTTP status, or null when no response arrived (network error, timeout, refused). */
  statusCode: number | null;
  latencyMs: number;
  /**
   * The first SNIPPET_LENGTH characters of the response body, or the error: what the tenant
   * sees in the attempt log, so a refused destination is only "not allowed" (see `refusal`).
   */
  snippet: string;
  /** The response's `Retry-After` header, if any. */
  retryAfter: string | null;
  /** The destination guard refused the address; no request was sent. */
  refused: boolean;
  /** Why, for the operator's log only (e.g. "localhost resolves to 127.0.0.1, a loopback address"). */
  refusal?: string;
}

export interface HttpSender {
  send(url: string, headers: Record<string, string>, body: string): Promise<SendResult>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

export interface HttpSenderOptions extends DestinationPolicy {
  /** Who is calling, e.g. `Doorway-Webhooks/1`: receivers see it in their logs. */
  userAgent: string;
  /** Budget for the whole attempt, in ms. */
  timeoutMs: number;
  /** Concurrent connections per origin. */
  maxSocketsPerOrigin?: number;
}

export const SNIPPET_LENGTH = 200;
const RESPONSE_READ_LIMIT = 4096;

export function createHttpSender(options: HttpSenderOptions): HttpSender {
  const { timeoutMs, userAgent } = options;
  const guard = createDestinationGuard(options);
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSocketsPerOrigin ?? 64,
    // Idle kept-alive sockets are closed after this; receivers often close theirs sooner.
    timeout: 30_000,
    scheduling: 'lifo' as const,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  async function send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refusal = (snippet: string): SendResult => ({ statusCode: null, latencyMs: elapsed(), snippet, retryAfter: null, refused: true });

    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return refusal(`Destination refused: "${truncate(url)}" is not a valid URL`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return refusal(`Destination refused: only http and https URLs are allowed (got ${target.protocol})`);
    }
    const literal = guard.checkHost(target.hostname);
    if (literal) return { ...refusal(DESTINATION_NOT_ALLOWED), refusal: literal.message };

    const payload = Buffer.from(body, 'utf8');
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      let statusCode: number | null = null;
      let retryAfter: string | null = null;
      const received: Buffer[] = [];
      let receivedBytes = 0;

      const finish = (result: Omit<SendResult, 'latencyMs' | 'refused'> & { refused?: boolean; refusal?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ refused: false, ...result, latencyMs: elapsed() });
      };
      const responseSnippet = () => truncate(Buffer.concat(received).toString('utf8'));

      const isHttps = target.protocol === 'https:';
      const request = (isHttps ? https : http).request(target, {
        method: 'POST',
        agent: isHttps ? httpsAgent : httpAgent,
        lookup: guard.lookup,
        headers: {
          // JSON unless the caller says otherwise (a token request sends a form).
          'Content-Type': 'application/json',
          ...headers,
          'Content-Length': String(payload.length),
          'User-Agent': userAgent,
        },
      });

      const timer = setTimeout(() => {
        if (statusCode !== null) {
          // Headers arrived in time; only the body was slow. The status stands.
          finish({ statusCode, snippet: responseSnippet(), retryAfter });
        } else {
          finish({ statusCode: null, snippet: `Timed out after ${timeoutMs} ms`, retryAfter: null });
        }
        request.destroy();
      }, timeoutMs);

      request.on('response', (response) => {
        statusCode = response.statusCode ?? null;
        retryAfter = headerValue(response.headers['retry-after']);
        const location = statusCode !== null && statusCode >= 300 && statusCode < 400 ? headerValue(response.headers.location) : null;
        const done = () => {
          const text = responseSnippet();
          finish({ statusCode, snippet: location ? truncate(`Redirect to ${location} not followed. ${text}`) : text, retryAfter });
        };
        response.on('data', (chunk: Buffer) => {
          if (receivedBytes < RESPONSE_READ_LIMIT) {
            received.push(chunk.subarray(0, RESPONSE_READ_LIMIT - receivedBytes));
            receivedBytes += chunk.length;
          }
          // Enough for the log: stop reading. Destroying gives up this keep-alive socket, which
          // is cheaper than downloading an arbitrarily large body.
          if (receivedBytes >= RESPONSE_READ_LIMIT) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
        response.on('close', done);
      });

      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof DestinationRefusedError) {
          finish({ statusCode: null, snippet: DESTINATION_NOT_ALLOWED, retryAfter: null, refused: true, refusal: error.message });
        } else if (statusCode === null) {
          finish({ statusCode: null, snippet: truncate(describeError(error)), retryAfter: null });
        }
      });

      request.end(payload);
    });
  }

  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function describeError(error: NodeJS.ErrnoException): string {
  const message = error.message || String(error);
  return error.code && !message.includes(error.code) ? `${error.code}: ${message}` : message;
}

const truncate = (text: string): string => (text.length > SNIPPET_LENGTH ? text.slice(0, SNIPPET_LENGTH) : text);
