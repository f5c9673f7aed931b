import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  exchangeAuthorizationCode,
  refreshAccessToken,
  resolveOAuth2,
  type ExchangeResult,
  type ResolvedOAuth2,
} from '../../src/providers/oauth2/index.js';
import { parseProviderDefinitions } from '../../src/providers/schema.js';
import { startLocalServer, type LocalServer, type RecordedRequest } from './support/local-server.js';

/**
 * Real platforms bend RFC 6749 in known ways; a scripted local token endpoint checks the engine
 * copes with each and reports the rest in the right class.
 */

const NOW = new Date('2025-03-01T12:00:00.000Z');
const APP = { clientId: 'doorway-app', clientSecret: 'super-secret-value-123' };
const REDIRECT_URI = 'http://127.0.0.1:1/link/oauth/callback';

type Reply = { status: number; contentType?: string; body: string; headers?: Record<string, string> };

let server: LocalServer;
let nextReply: Reply;

beforeAll(async () => {
  server = await startLocalServer((_request: RecordedRequest, response: ServerResponse) => {
    response.writeHead(nextReply.status, { 'content-type': nextReply.contentType ?? 'application/json', ...nextReply.headers });
    response.end(nextReply.body);
  });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  server.requests.length = 0;
});

function resolved(auth: Record<string, unknown> = {}): ResolvedOAuth2 {
  const [definition] = parseProviderDefinitions(
    [{ key: 'quir', name: 'Quirky', sourceType: 'Accounting', auth: { type: 'oauth2', authorizationUrl: `${server.url}/auth`, tokenUrl: `${server.url}/token`, pkce: false, ...auth } }],
    'quirks test',
  );
  if (!definition) throw new Error('definition did not parse');
  return resolveOAuth2(definition, { publicUrl: 'http://127.0.0.1:1' });
}

function exchange(config: ResolvedOAuth2, callback: Record<string, string> = { code: 'the-authorization-code' }): Promise<ExchangeResult> {
  return exchangeAuthorizationCode(config, APP, { redirectUri: REDIRECT_URI, codeVerifier: null, callbackParams: new URLSearchParams(callback), now: NOW });
}

const json = (body: unknown, status = 200): Reply => ({ status, body: JSON.stringify(body) });

describe('token requests', () => {
  it('sends client_secret_post credentials, tokenParams and the code from codeParam', async () => {
    nextReply = json({ access_token: 'at', token_type: 'Bearer' });
    const config = resolved({ tokenEndpointAuth: 'client_secret_post', tokenParams: { expiring: '1' }, codeParam: 'spapi_oauth_code' });
    const result = await exchange(config, { spapi_oauth_code: 'amazon-code', state: 's' });
    expect(result.ok).toBe(true);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      expiring: '1',
      redirect_uri: REDIRECT_URI,
      code: 'amazon-code',
      grant_type: 'authorization_code',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
    });
  });

  it('sends client_secret_basic without form-encoding unreserved characters', async () => {
    nextReply = json({ access_token: 'at', token_type: 'bearer' });
    await exchange(resolved({ tokenEndpointAuth: 'client_secret_basic' }));
    const [request] = server.requests;
    // oauth4webapi's ClientSecretBasic would send `doorway%2Dapp:super%2Dsecret%2Dvalue%2D123`.
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString('base64')}`);
    expect(new URLSearchParams(request?.body).has('client_secret')).toBe(false);
  });

  it('sends PKCE verifiers and refresh tokens with tokenParams', async () => {
    nextReply = json({ access_token: 'at2', token_type: 'bearer', expires_in: '3600' });
    const config = resolved({ pkce: true, tokenParams: { expiring: '1' } });
    const result = await refreshAccessToken(config, APP, { refreshToken: 'old-refresh-token', now: NOW });
    expect(result).toEqual({
      ok: true,
      tokens: { accessToken: 'at2', refreshToken: null, tokenType: 'bearer', expiresAt: '2025-03-01T13:00:00.000Z', scope: null, idToken: null },
      metadata: {},
    });
    expect(Object.fromEntries(new URLSearchParams(server.requests[0]?.body))).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'old-refresh-token', expiring: '1' });

    nextReply = json({ access_token: 'at3', token_type: 'bearer' });
    await exchangeAuthorizationCode(config, APP, { redirectUri: REDIRECT_URI, codeVerifier: 'v'.repeat(43), callbackParams: new URLSearchParams({ code: 'c' }), now: NOW });
    expect(new URLSearchParams(server.requests[1]?.body).get('code_verifier')).toBe('v'.repeat(43));
  });

  it('refuses to exchange without a verifier when the provider uses PKCE', async () => {
    await expect(
      exchangeAuthorizationCode(resolved({ pkce: true }), APP, { redirectUri: REDIRECT_URI, codeVerifier: null, callbackParams: new URLSearchParams({ code: 'c' }), now: NOW }),
    ).rejects.toThrow(/PKCE/);
  });
});

describe('token responses', () => {
  it('keeps callback and token-response metadata (QuickBooks realmId, Zoho api_domain)', async () => {
    nextReply = json({ access_token: 'at', token_type: 'bearer', refresh_token: 'rt', api_domain: 'https://www.zohoapis.eu', expires_in: 60, nested: { a: 1 }, count: 3 });
    const config = resolved({ callbackMetadata: ['realmId', 'absent'], tokenResponseMetadata: ['api_domain', 'nested', 'count', 'missing'] });
    const result = await exchange(config, { code: 'c', realmId: '9130350000000000', state: 's' });
    expect(result).toMatchObject({ ok: true, metadata: { realmId: '9130350000000000', api_domain: 'https://www.zohoapis.eu', count: '3' } });
    if (result.ok) expect(Object.keys(result.metadata).sort()).toEqual(['api_domain', 'count', 'realmId']);
  });

  it('reads a missing token_type as Bearer (Shopify omits it)', async () => {
    nextReply = json({ access_token: 'shpat_x', scope: 'read_orders,read_products' });
    const result = await exchange(resolved());
    expect(result).toMatchObject({ ok: true, tokens: { accessToken: 'shpat_x', tokenType: 'bearer', scope: 'read_orders,read_products' } });
  });

  it('keeps an id_token from another issuer as a string instead of rejecting it', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const idToken = `${part({ alg: 'RS256' })}.${part({ iss: 'https://oauth.platform.intuit.com/op/v1', aud: 'someone-else', sub: 'u', exp: 1, iat: 1 })}.c2ln`;
    nextReply = json({ access_token: 'at', token_type: 'bearer', id_token: idToken });
    const result = await exchange(resolved());
    expect(result).toMatchObject({ ok: true, tokens: { idToken } });
  });

  it('reports a 200 carrying an error (Zoho) as an oauth_error', async () => {
    nextReply = json({ error: 'invalid_code' });
    expect(await exchange(resolved())).toEqual({ ok: false, error: { kind: 'oauth_error', status: 200, error: 'invalid_code', description: null } });
  });

  it('reads RFC error bodies on a 5xx or with a non-JSON content-type', async () => {
    nextReply = { status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'temporarily_unavailable' }) };
    expect(await exchange(resolved())).toMatchObject({ ok: false, error: { kind: 'oauth_error', status: 503, error: 'temporarily_unavailable' } });
    nextReply = { status: 400, contentType: 'text/plain', body: JSON.stringify({ error: 'invalid_grant', error_description: 'Code expired' }) };
    expect(await exchange(resolved())).toEqual({ ok: false, error: { kind: 'oauth_error', status: 400, error: 'invalid_grant', description: 'Code expired' } });
  });

  it('reads the RFC error of a 401 that carries a WWW-Authenticate challenge', async () => {
    nextReply = { ...json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401), headers: { 'www-authenticate': 'Basic realm="x"' } };
    expect(await exchange(resolved())).toEqual({
      ok: false,
      error: { kind: 'oauth_error', status: 401, error: 'invalid_client', description: 'Client authentication failed' },
    });
  });

  it('redacts secrets a platform echoes back in an error', async () => {
    nextReply = json({ error: 'invalid_client', error_description: `secret ${APP.clientSecret} is wrong for code the-authorization-code` }, 400);
    const result = await exchange(resolved());
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ description: 'secret [redacted] is wrong for code [redacted]' }) });
  });

  it('reports malformed successes as unexpected responses, without echoing the body', async () => {
    nextReply = json({ token_type: 'bearer', refresh_token: 'leaky-refresh-token' });
    const missing = await exchange(resolved());
    expect(missing).toMatchObject({ ok: false, error: { kind: 'unexpected_response', status: 200, message: expect.stringContaining('access_token') } });
    expect(JSON.stringify(missing)).not.toContain('leaky-refresh-token');

    nextReply = json({ access_token: 'at', token_type: 'mac' });
    expect(await exchange(resolved())).toMatchObject({ ok: false, error: { kind: 'unexpected_response', message: expect.stringContaining('token_type') } });

    nextReply = json([1, 2, 3]);
    expect(await exchange(resolved())).toMatchObject({ ok: false, error: { kind: 'unexpected_response', status: 200 } });

    nextReply = { status: 302, body: '', headers: { location: 'https://elsewhere.example/' } };
    expect(await exchange(resolved())).toMatchObject({ ok: false, error: { kind: 'unexpected_response', status: 302 } });
  });

  it('returns a callback without a code as an oauth_error, calling nothing', async () => {
    expect(await exchange(resolved(), { state: 's' })).toMatchObject({ ok: false, error: { kind: 'oauth_error', status: null, error: 'invalid_request' } });
    expect(server.requests).toHaveLength(0);
  });
});
