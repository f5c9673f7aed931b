import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** The client asks Doorway to retry 429 and 5xx answers of idempotent requests, at most this many times. */
export const RETRIES_HEADER = 'doorway-retries';
export const MAX_RETRIES = 3;

/** Headers that describe one hop (RFC 9110 §7.6.1): never forwarded, either way. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

/**
 * Never sent on to the platform: Doorway's own credentials and control headers, the hop to
 * Doorway (its host, what a front proxy said about the client), and cookies, which belong to
 * Doorway's site, not the platform's. `expect` is answered by Doorway's own server.
 */
const NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  'authorization',
  'host',
  'cookie',
  'expect',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-correlation-id',
  RETRIES_HEADER,
]);

/**
 * Not passed back: hop-by-hop headers, and cookies the platform sets, which the client's HTTP
 * stack would file under Doorway's domain, where Hosted Link keeps its own.
 */
const NOT_RETURNED = new Set([...HOP_BY_HOP, 'set-cookie']);

/** The names a `Connection` header lists are hop-by-hop too. */
function connectionListed(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const names = (Array.isArray(value) ? value.join(',') : value).split(',').map((name) => name.trim().toLowerCase());
  return new Set(names.filter(Boolean));
}

/**
 * What goes to the platform: the client's headers minus the ones above, then the provider's
 * `api.headers`, then the connection's credential headers (lower-case names), which the client
 * cannot override: a client header of the same name is dropped.
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  injected: Readonly<Record<string, string>>,
  credentials: Readonly<Record<string, string>>,
): OutgoingHttpHeaders {
  const listed = connectionListed(incoming.connection);
  const headers: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    if (NOT_FORWARDED.has(name) || listed?.has(name) || Object.hasOwn(injected, name) || Object.hasOwn(credentials, name)) continue;
    headers[name] = incoming[name];
  }
  for (const name in injected) headers[name] = injected[name];
  for (const name in credentials) headers[name] = credentials[name];
  return headers;
}

/** The platform's response headers for the client, from node's raw pairs (repeated headers kept). */
export function clientResponseHeaders(rawHeaders: readonly string[]): Record<string, string | string[]> {
  let listed: Set<string> | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'connection') listed = connectionListed([...(listed ?? []), rawHeaders[i + 1]!]);
  }
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (NOT_RETURNED.has(name) || listed?.has(name)) continue;
    const value = rawHeaders[i + 1]!;
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else headers[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return headers;
}

/** `Doorway-Retries: 0..3`; absent means 0. Anything else is the client's mistake. */
export function requestedRetries(value: string | undefined): number | 'invalid' {
  if (value === undefined) return 0;
  if (!/^\d$/.test(value.trim())) return 'invalid';
  const count = Number(value.trim());
  return count <= MAX_RETRIES ? count : 'invalid';
}
