import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../domain/errors.js';
import { DESTINATION_NOT_ALLOWED } from '../../outbound/destination-guard.js';
import { UpstreamFailure, type UpstreamClient } from '../../outbound/upstream-client.js';
import { credentialHeaders } from '../../providers/api-credentials.js';
import { resolveApiTarget } from '../../providers/api-target.js';
import type { ServiceDeps } from '../../services/deps.js';
import { apiClientIdFor } from '../../services/connections/api-client-id.js';
import { getUsableConnection, type UsableConnection } from '../../services/connections/get-usable-connection.js';
import type { HttpEnv } from '../env.js';
import { apiKeyAuth } from '../middleware/api-key-auth.js';
import { nodeIncoming, proxiedBody, type ProxiedBody } from './proxy-body.js';
import { clientResponseHeaders, requestedRetries, RETRIES_HEADER, upstreamRequestHeaders } from './proxy-headers.js';
import { IDEMPOTENT_METHODS, isRetriableStatus, retryDelayMs } from './proxy-retry.js';
import { buildProxiedUrl, checkProxiedPath } from './proxy-target-url.js';

export const PROXY_ROUTE = '/companies/:companyId/connections/:connectionId/proxy/*';

export interface ProxyAppOptions {
  deps: Pick<ServiceDeps, 'store' | 'secrets' | 'providers' | 'clock' | 'tokenRefresher' | 'sandboxOAuthApp'>;
  /** Doorway's public URL, against which a site-relative `api.baseUrl` (the Sandbox's) resolves. */
  publicUrl: string;
  /** Built once by the composition root, with the destination guard and PROXY_TIMEOUT_MS. */
  upstream: UpstreamClient;
}

// The request target as received, before any URL parser removed dot segments from it.
const RAW_PROXY_TARGET = /^\/companies\/[^/?]+\/connections\/[^/?]+\/proxy(?:\/([^?]*))?(\?.*)?$/;

/**
 * The authenticated proxy: a client calls a Linked connection's platform API through Doorway,
 * which adds the connection's credentials. It claims only `/companies/{id}/connections/{id}/proxy/…`
 * and must be mounted before the API surface, whose key check covers every other path. Doorway's
 * own errors are in Codat's envelope (the root app's error handler); the platform's answers,
 * errors included, pass through verbatim and stream in both directions.
 */
export function createProxyApp(options: ProxyAppOptions): Hono<HttpEnv> {
  const { deps } = options;
  const proxy = new Hono<HttpEnv>();

  proxy.all(PROXY_ROUTE, apiKeyAuth(deps), async (c) => {
    const { path, query } = rawProxiedTarget(c, nodeIncoming(c));
    checkProxiedPath(path);
    const retries = requestedRetries(c.req.header(RETRIES_HEADER));
    if (retries === 'invalid') throw new AppError('BAD_REQUEST', 'Doorway-Retries must be a whole number from 0 to 3.');
    const companyId = c.req.param('companyId');
    const connectionId = c.req.param('connectionId');
    let usable = await getUsableConnection(deps, c.get('actor'), companyId, connectionId);
    // Read once per request, and only for a platform that wants it (MYOB): the token's own app.
    const oauthClientId = await apiClientIdFor(deps, c.get('actor').clientId, usable.provider);
    const body = await proxiedBody(c, nodeIncoming(c));
    const method = c.req.method;
    const signal = c.req.raw.signal;
    let refreshed = false;
    let retried = 0; // Doorway-Retries spent; the one retry after a 401 is not one of them
    for (;;) {
      const response = await send(c, options, usable, { method, path, query, body, signal, oauthClientId });
      if (response === undefined) return clientGone();
      const status = response.statusCode ?? 502;
      // A token the platform no longer accepts (revoked, rotated early): refresh once, try again.
      if (status === 401 && !refreshed && body.replayable && usable.credentials.kind === 'oauth2') {
        response.resume();
        refreshed = true;
        usable = await getUsableConnection(deps, c.get('actor'), companyId, connectionId, { forceRefresh: true });
        continue;
      }
      if (retried < retries && isRetriableStatus(status) && IDEMPOTENT_METHODS.has(method) && body.replayable) {
        const delay = retryDelayMs(header(response, 'retry-after'), retried, Date.now());
        if (delay !== undefined) {
          retried += 1;
          response.resume();
          await sleep(delay, undefined, { signal }).catch(() => undefined);
          if (signal.aborted) return clientGone();
          continue;
        }
      }
      return await respond(c, method, response);
    }
  });
  return proxy;
}

interface Attempt {
  method: string;
  path: string;
  query: string;
  body: ProxiedBody;
  signal: AbortSignal;
  oauthClientId: string | undefined;
}

/** One attempt; undefined when the client went away first. */
async function send(c: Context<HttpEnv>, options: ProxyAppOptions, usable: UsableConnection, attempt: Attempt): Promise<IncomingMessage | undefined> {
  const target = resolveApiTarget(usable.provider, usable.connection.connectionInfo, options.publicUrl);
  const url = buildProxiedUrl(target.baseUrl, attempt.path, attempt.query);
  const incoming = nodeIncoming(c);
  const clientHeaders = incoming ? incoming.headers : headersObject(c.req.raw.headers);
  const headers = upstreamRequestHeaders(clientHeaders, target.headers, credentialsOf(usable, attempt.oauthClientId));
  try {
    const request = { url, method: attempt.method, headers, body: attempt.body.body, signal: attempt.signal, toDoorwayItself: target.isDoorwayItself };
    return await options.upstream.send(request);
  } catch (error) {
    if (error instanceof UpstreamFailure && error.kind === 'aborted') return undefined;
    throw toAppError(c, error);
  }
}

/** The headers a Linked connection's credentials give, as its platform's API takes them (never logged). */
function credentialsOf(usable: UsableConnection, oauthClientId: string | undefined): Record<string, string> {
  const { credentials, provider } = usable;
  if (credentials.kind === 'fields') return credentialHeaders(provider, credentials);
  return credentialHeaders(provider, { kind: 'oauth2', accessToken: credentials.accessToken, tokenType: credentials.tokenType, oauthClientId });
}

function toAppError(c: Context<HttpEnv>, error: unknown): unknown {
  if (!(error instanceof UpstreamFailure)) return error;
  // The detail (which address, which range) describes the deployment's network: the operator's log only.
  c.get('log')?.warn({ correlationId: c.get('correlationId'), kind: error.kind, detail: error.message }, 'proxy: no response from the platform');
  switch (error.kind) {
    case 'refused':
      return new AppError('BAD_GATEWAY', `${DESTINATION_NOT_ALLOWED}.`);
    case 'timeout':
      return new AppError('GATEWAY_TIMEOUT');
    default:
      return new AppError('BAD_GATEWAY');
  }
}

/** The client went away: nobody reads the answer, which only the access log sees (nginx's 499). */
const clientGone = () => new Response(null, { status: 499 });

/**
 * How much of the platform's answer may wait in Doorway for a slow client: a bound in bytes,
 * stated rather than left to the default, which counts chunks whatever their size.
 */
const STREAM_BUFFER = new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 });

async function respond(c: Context<HttpEnv>, method: string, response: IncomingMessage): Promise<Response> {
  const status = response.statusCode ?? 502;
  const headers = clientResponseHeaders(response.rawHeaders);
  const bodyless = method === 'HEAD' || status === 204 || status === 304 || status < 200;
  if (bodyless) {
    response.resume();
    return c.body(null, status as ContentfulStatusCode, headers);
  }
  // A small answer of declared length is read whole: one write to the client instead of a
  // stream's several, the common case of a JSON API, still within a fixed bound.
  const length = Number(response.headers['content-length']);
  if (length <= BUFFERED_ANSWER_BYTES) return c.body(await readAnswer(response), status as ContentfulStatusCode, headers);
  // Streamed: @hono/node-server pipes a ReadableStream with backpressure; cancelling it (the client left) destroys the upstream response.
  return c.body(Readable.toWeb(response, { strategy: STREAM_BUFFER }) as ReadableStream<Uint8Array>, status as ContentfulStatusCode, headers);
}

const BUFFERED_ANSWER_BYTES = 64 * 1024;

async function readAnswer(response: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) as Uint8Array<ArrayBuffer>;
}

function headersObject(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = value;
  });
  return result;
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function rawProxiedTarget(c: Context<HttpEnv>, incoming: IncomingMessage | undefined): { path: string; query: string } {
  const raw = incoming?.url ?? rawPathAndQuery(c.req.url);
  const match = RAW_PROXY_TARGET.exec(raw);
  // The route matched only once a parser normalised the target (e.g. `/proxy/a/..`): refuse, never guess.
  if (!match) throw new AppError('BAD_REQUEST', 'The proxied path is not allowed: it must not contain "." or ".." segments.');
  return { path: match[1] ?? '', query: match[2] ?? '' };
}

function rawPathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  return start === -1 ? '/' : url.slice(start);
}
