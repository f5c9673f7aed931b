import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A platform's API for proxy tests: a real HTTP server on 127.0.0.1 that answers only requests
 * carrying one of the credentials it was told to accept, as a Bearer token, Shopify's bare
 * `X-Shopify-Access-Token` or HTTP Basic `user:password`. Each route exercises one behaviour;
 * every request it receives is recorded (method, path, headers, body) so tests can check what
 * Doorway sent, and how often.
 */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface PlatformApiServer {
  url: string;
  /** Tokens (Bearer or `X-Shopify-Access-Token`) and Basic `user:password` pairs answered with 2xx; anything else gets 401. */
  acceptedTokens: Set<string>;
  received: ReceivedRequest[];
  /** Requests whose socket closed before the server finished answering (the client went away). */
  closedEarly: string[];
  /** `/api/big`: bytes written so far, and since when the writer has waited for the reader (null: not waiting). */
  bigBody: { sent: number; waitingSince: number | null };
  hits(path: string): number;
  close(): Promise<void>;
}

export const BIG_BODY_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

export async function startPlatformApiServer(): Promise<PlatformApiServer> {
  const acceptedTokens = new Set<string>();
  const received: ReceivedRequest[] = [];
  const closedEarly: string[] = [];
  const counts = new Map<string, number>();
  const bigBody = { sent: 0, waitingSince: null as number | null };

  const authorized = (request: IncomingMessage) => {
    const shopify = request.headers['x-shopify-access-token'];
    if (typeof shopify === 'string') return acceptedTokens.has(shopify);
    const match = /^(Bearer|Basic) (.+)$/.exec(request.headers.authorization ?? '');
    if (match === null) return false;
    return acceptedTokens.has(match[1] === 'Basic' ? Buffer.from(match[2]!, 'base64').toString('utf8') : match[2]!);
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url!, 'http://platform.test');
    const key = `${url.pathname}${url.search}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    response.on('close', () => {
      if (!response.writableFinished) closedEarly.push(url.pathname);
    });
    if (url.pathname === '/api/stream-upload') {
      // Counts the bytes without keeping them: a large upload stays out of memory here too.
      let bytes = 0;
      for await (const chunk of request) bytes += (chunk as Buffer).length;
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body: `${bytes} bytes` });
      return json(response, 200, { bytes });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString() });

    // The token Doorway retries with is a refreshed one, which only Doorway knows yet: echoed, not checked.
    if (url.pathname === '/api/unauthorized-once') return count === 1 ? json(response, 401, { error: 'token expired' }) : echoRequest(request, response, chunks);
    if (url.pathname === '/api/rate-limited' && count === 1) {
      response.setHeader('Retry-After', url.searchParams.get('retryAfter') ?? '0');
      return json(response, 429, { error: 'slow down' });
    }
    if (url.pathname === '/api/unauthorized-then-limited') {
      if (count === 1) return json(response, 401, { error: 'token expired' });
      if (count === 2) return json(response.setHeader('Retry-After', '0'), 429, { error: 'slow down' });
      return echoRequest(request, response, chunks);
    }
    if (url.pathname === '/api/unavailable') return json(response, 503, { error: 'down' });
    if (url.pathname === '/api/hang') return; // never answers: the proxy's timeout must
    if (!authorized(request)) return json(response, 401, { error: 'invalid token' });

    if (url.pathname === '/api/big') {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(BIG_BODY_BYTES) });
      bigBody.sent = 0;
      const writeMore = () => {
        bigBody.waitingSince = null;
        while (bigBody.sent < BIG_BODY_BYTES) {
          bigBody.sent += CHUNK.length;
          if (!response.write(CHUNK)) {
            bigBody.waitingSince = Date.now();
            return void response.once('drain', writeMore);
          }
        }
        response.end();
      };
      return writeMore();
    }
    if (url.pathname === '/api/endless') {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      const timer = setInterval(() => response.write('tick\n'), 10);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (url.pathname === '/api/no-content') {
      response.writeHead(204, { 'X-Deleted': 'yes' });
      return response.end();
    }
    const echo = JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() });
    response.writeHead(url.searchParams.has('created') ? 201 : 200, {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(echo)),
      'X-Platform-Request-Id': 'req-123',
      'Set-Cookie': 'platform_session=abc; Path=/',
      'Keep-Alive': 'timeout=5',
      Link: ['<https://platform.test/page/2>; rel="next"', '<https://platform.test/page/9>; rel="last"'],
    });
    response.end(echo);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    acceptedTokens,
    received,
    closedEarly,
    bigBody,
    hits: (path) => [...counts].filter(([key]) => key === path || key.startsWith(`${path}?`)).reduce((sum, [, n]) => sum + n, 0),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function echoRequest(request: IncomingMessage, response: ServerResponse, chunks: Buffer[]) {
  json(response, 200, { method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() });
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A raw HTTP request: unlike fetch, it sends the target exactly as written (`..`, `%2e`) and any header. */
export function rawRequest(
  base: string,
  target: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: target, method: options.method ?? 'GET', headers: options.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
