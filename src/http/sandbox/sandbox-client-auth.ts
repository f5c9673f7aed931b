import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * What the Sandbox's token and revocation endpoints share: RFC 6749 replies and the client
 * authentication of §2.3.1 (HTTP Basic or the body, never both), free of the HTTP framework.
 */

export interface OAuthClientSettings {
  clientId: string;
  clientSecret: string;
}

export interface OAuthEndpointRequest {
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

export interface OAuthEndpointReply {
  status: 200 | 400 | 401;
  body: Record<string, string | number>;
  headers: Record<string, string>;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const BASIC_CHALLENGE = 'Basic realm="Doorway Sandbox", charset="UTF-8"';

export function reply(status: OAuthEndpointReply['status'], body: OAuthEndpointReply['body'], extraHeaders: Record<string, string> = {}): OAuthEndpointReply {
  return { status, body, headers: { ...NO_STORE, ...extraHeaders } };
}

export function oauthError(status: 400 | 401, error: string, description: string, extraHeaders: Record<string, string> = {}): OAuthEndpointReply {
  return reply(status, { error, error_description: description }, extraHeaders);
}

/** Constant-time comparison of strings of any length (both sides hashed to equal-length digests). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** `application/x-www-form-urlencoded` decoding, as RFC 6749 §2.3.1 asks of Basic credentials. */
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

type ClientCredentials = { id: string; secret: string; via: 'basic' | 'post' };

function readClientCredentials(authorization: string | undefined, form: URLSearchParams): ClientCredentials | OAuthEndpointReply {
  const bodySecret = form.get('client_secret');
  const bodyId = form.get('client_id');
  if (authorization !== undefined) {
    const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization);
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const id = colon > 0 ? formDecode(decoded.slice(0, colon)) : null;
    const secret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : null;
    if (id === null || secret === null) {
      return oauthError(401, 'invalid_client', 'The Authorization header is not valid HTTP Basic client authentication', { 'WWW-Authenticate': BASIC_CHALLENGE });
    }
    // RFC 6749 §2.3: a client must not use more than one authentication method per request.
    if (bodySecret !== null) return oauthError(400, 'invalid_request', 'Use either HTTP Basic or client_secret in the body, not both');
    if (bodyId !== null && bodyId !== id) return oauthError(400, 'invalid_request', 'client_id in the body does not match the Authorization header');
    return { id, secret, via: 'basic' };
  }
  if (bodyId === null || bodySecret === null) {
    return oauthError(401, 'invalid_client', 'Client authentication is required (HTTP Basic or client_id and client_secret)', { 'WWW-Authenticate': BASIC_CHALLENGE });
  }
  return { id: bodyId, secret: bodySecret, via: 'post' };
}

/**
 * Parses the form (urlencoded, no repeated parameter) and authenticates the client; answers the
 * form and the client id, or the error reply to send.
 */
export function authenticateClientRequest(
  settings: OAuthClientSettings,
  request: OAuthEndpointRequest,
): { ok: true; form: URLSearchParams; clientId: string } | { ok: false; reply: OAuthEndpointReply } {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return { ok: false, reply: oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded') };
  }
  const form = new URLSearchParams(request.body);
  const repeated = [...new Set(form.keys())].find((name) => form.getAll(name).length > 1);
  if (repeated !== undefined) return { ok: false, reply: oauthError(400, 'invalid_request', `The ${repeated} parameter is repeated`) };

  const credentials = readClientCredentials(request.authorization, form);
  if ('status' in credentials) return { ok: false, reply: credentials };
  // Both compared, always, so timing does not reveal which one was wrong.
  const idMatches = safeEqual(credentials.id, settings.clientId);
  const secretMatches = safeEqual(credentials.secret, settings.clientSecret);
  if (!idMatches || !secretMatches) {
    // RFC 6749 §5.2: a client that used the Authorization header gets the scheme back in WWW-Authenticate.
    const headers: Record<string, string> = credentials.via === 'basic' ? { 'WWW-Authenticate': BASIC_CHALLENGE } : {};
    return { ok: false, reply: oauthError(401, 'invalid_client', 'Client authentication failed', headers) };
  }
  return { ok: true, form, clientId: credentials.id };
}
