import { createHash, timingSafeEqual } from 'node:crypto';
import { computeS256Challenge } from '../../providers/oauth2/pkce.js';
import {
  SANDBOX_ACCESS_TOKEN_TTL_SECONDS,
  signSandboxToken,
  verifySandboxToken,
  type SandboxTokenVerification,
} from '../../providers/sandbox/sandbox-tokens.js';

/** The Sandbox token endpoint (RFC 6749 §3.2), free of the HTTP framework so it is easy to test. */

export interface TokenEndpointSettings {
  signingKey: Buffer;
  clientId: string;
  clientSecret: string;
}

export interface TokenEndpointRequest {
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

export interface TokenEndpointReply {
  status: 200 | 400 | 401;
  body: Record<string, string | number>;
  headers: Record<string, string>;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const BASIC_CHALLENGE = 'Basic realm="Doorway Sandbox", charset="UTF-8"';
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

function reply(status: TokenEndpointReply['status'], body: TokenEndpointReply['body'], extraHeaders: Record<string, string> = {}): TokenEndpointReply {
  return { status, body, headers: { ...NO_STORE, ...extraHeaders } };
}

function oauthError(status: 400 | 401, error: string, description: string, extraHeaders: Record<string, string> = {}): TokenEndpointReply {
  return reply(status, { error, error_description: description }, extraHeaders);
}

/** Constant-time comparison of strings of any length (both sides hashed to equal-length digests). */
function safeEqual(a: string, b: string): boolean {
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

function readClientCredentials(authorization: string | undefined, form: URLSearchParams): ClientCredentials | TokenEndpointReply {
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

function invalidGrant(reason: Exclude<SandboxTokenVerification<'code'>, { ok: true }>['reason'], what: string): TokenEndpointReply {
  return oauthError(400, 'invalid_grant', reason === 'expired' ? `The ${what} has expired` : `The ${what} is not valid`);
}

function issueTokens(settings: TokenEndpointSettings, grant: { clientId: string; dataset: string; scope: string }, now: Date): TokenEndpointReply {
  const accessToken = signSandboxToken(settings.signingKey, { kind: 'access', ...grant }, now);
  const refreshToken = signSandboxToken(settings.signingKey, { kind: 'refresh', ...grant }, now);
  return reply(200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: SANDBOX_ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refreshToken,
    scope: grant.scope,
  });
}

function redeemCode(settings: TokenEndpointSettings, form: URLSearchParams, clientId: string, now: Date): TokenEndpointReply {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) return oauthError(400, 'invalid_request', 'code is required');
  if (!redirectUri) return oauthError(400, 'invalid_request', 'redirect_uri is required');
  const verified = verifySandboxToken(settings.signingKey, code, 'code', now);
  if (!verified.ok) return invalidGrant(verified.reason, 'authorization code');
  const claims = verified.claims;
  if (claims.clientId !== clientId) return oauthError(400, 'invalid_grant', 'The authorization code was issued to another client');
  if (claims.redirectUri !== redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
  const verifier = form.get('code_verifier');
  if (verifier === null || !CODE_VERIFIER.test(verifier) || !safeEqual(computeS256Challenge(verifier), claims.codeChallenge)) {
    return oauthError(400, 'invalid_grant', 'PKCE verification failed');
  }
  return issueTokens(settings, { clientId, dataset: claims.dataset, scope: claims.scope }, now);
}

function useRefreshToken(settings: TokenEndpointSettings, form: URLSearchParams, clientId: string, now: Date): TokenEndpointReply {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) return oauthError(400, 'invalid_request', 'refresh_token is required');
  const verified = verifySandboxToken(settings.signingKey, refreshToken, 'refresh', now);
  if (!verified.ok) return invalidGrant(verified.reason, 'refresh token');
  const claims = verified.claims;
  if (claims.clientId !== clientId) return oauthError(400, 'invalid_grant', 'The refresh token was issued to another client');
  // RFC 6749 §6: a narrower scope may be requested, never a wider one.
  let scope = claims.scope;
  const requested = form.get('scope');
  if (requested !== null) {
    const granted = new Set(claims.scope.split(' '));
    const asked = requested.split(' ').filter((s) => s !== '');
    if (asked.length === 0 || asked.some((s) => !granted.has(s))) return oauthError(400, 'invalid_scope', 'The requested scope exceeds the original grant');
    scope = asked.join(' ');
  }
  return issueTokens(settings, { clientId, dataset: claims.dataset, scope }, now);
}

export function handleTokenRequest(settings: TokenEndpointSettings, request: TokenEndpointRequest, now: Date): TokenEndpointReply {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(request.body);
  const repeated = [...new Set(form.keys())].find((name) => form.getAll(name).length > 1);
  if (repeated !== undefined) return oauthError(400, 'invalid_request', `The ${repeated} parameter is repeated`);

  const credentials = readClientCredentials(request.authorization, form);
  if ('status' in credentials) return credentials;
  // Both compared, always, so timing does not reveal which one was wrong.
  const idMatches = safeEqual(credentials.id, settings.clientId);
  const secretMatches = safeEqual(credentials.secret, settings.clientSecret);
  if (!idMatches || !secretMatches) {
    // RFC 6749 §5.2: a client that used the Authorization header gets the scheme back in WWW-Authenticate.
    const headers: Record<string, string> = credentials.via === 'basic' ? { 'WWW-Authenticate': BASIC_CHALLENGE } : {};
    return oauthError(401, 'invalid_client', 'Client authentication failed', headers);
  }

  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required');
  if (grantType === 'authorization_code') return redeemCode(settings, form, credentials.id, now);
  if (grantType === 'refresh_token') return useRefreshToken(settings, form, credentials.id, now);
  return oauthError(400, 'unsupported_grant_type', `The Sandbox does not support grant_type ${grantType}`);
}
