import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAuthorizationUrl,
  createPkcePair,
  exchangeAuthorizationCode,
  refreshAccessToken,
  resolveOAuth2,
  type OAuthAppCredentials,
  type ResolvedOAuth2,
} from '../../src/providers/oauth2/index.js';
import { parseProviderDefinitions } from '../../src/providers/schema.js';
import { followRedirectsUntil } from './support/browser.js';
import { closedPortUrl, startLocalServer, type LocalServer } from './support/local-server.js';
import { BASIC_CLIENT, OIDC_REDIRECT_URI, POST_CLIENT, startOidcServer, type OidcServer } from './support/oidc-server.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');

/** A provider definition pointing at the given endpoints, run through the real schema and resolver. */
function resolvedFor(authorizationUrl: string, tokenUrl: string, auth: Record<string, unknown> = {}): ResolvedOAuth2 {
  const [definition] = parseProviderDefinitions(
    [{ key: 'oidc', name: 'Local OIDC', sourceType: 'Accounting', auth: { type: 'oauth2', authorizationUrl, tokenUrl, ...auth } }],
    'oidc test',
  );
  if (!definition) throw new Error('definition did not parse');
  return resolveOAuth2(definition, { publicUrl: 'http://127.0.0.1:1' });
}

describe('the OAuth engine against oidc-provider', () => {
  let oidc: OidcServer;
  let basic: ResolvedOAuth2;
  let post: ResolvedOAuth2;

  beforeAll(async () => {
    oidc = await startOidcServer();
    const common = {
      scopes: ['openid', 'offline_access', 'accounting.read'],
      // OIDC only issues a refresh token for offline_access when consent was explicitly prompted.
      authorizationParams: { prompt: 'consent' },
    };
    basic = resolvedFor(`${oidc.issuer}/auth`, `${oidc.issuer}/token`, { ...common, tokenEndpointAuth: 'client_secret_basic' });
    post = resolvedFor(`${oidc.issuer}/auth`, `${oidc.issuer}/token`, { ...common, tokenEndpointAuth: 'client_secret_post' });
  });

  afterAll(async () => {
    await oidc?.close();
  });

  /** Runs the browser part: authorization URL → automated login and consent → our callback. */
  async function authorize(config: ResolvedOAuth2, app: OAuthAppCredentials) {
    const pkce = createPkcePair();
    const state = `state-${Math.random().toString(36).slice(2)}`;
    const url = buildAuthorizationUrl(config, { clientId: app.clientId, redirectUri: OIDC_REDIRECT_URI, state, codeChallenge: pkce.challenge });
    const callback = await followRedirectsUntil(url, OIDC_REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(state);
    return { callbackParams: callback.searchParams, verifier: pkce.verifier };
  }

  it('runs authorization code + PKCE with client_secret_basic, then refreshes', async () => {
    const { callbackParams, verifier } = await authorize(basic, BASIC_CLIENT);
    expect(callbackParams.get('code')).toBeTruthy();
    // oidc-provider sends RFC 9207's iss; the engine neither needs nor rejects it.
    expect(callbackParams.get('iss')).toBe(oidc.issuer);

    const exchanged = await exchangeAuthorizationCode(basic, BASIC_CLIENT, { redirectUri: OIDC_REDIRECT_URI, codeVerifier: verifier, callbackParams, now: NOW });
    if (!exchanged.ok) throw new Error(`exchange failed: ${JSON.stringify(exchanged.error)}`);
    const { tokens } = exchanged;
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.scope?.split(' ').sort()).toEqual(['accounting.read', 'offline_access', 'openid']);
    // Kept verbatim, not validated.
    expect(tokens.idToken?.split('.')).toHaveLength(3);
    expect(Date.parse(tokens.expiresAt ?? '')).toBeGreaterThan(NOW.getTime());
    expect(exchanged.metadata).toEqual({});

    const later = new Date(NOW.getTime() + 60_000);
    const refreshed = await refreshAccessToken(basic, BASIC_CLIENT, { refreshToken: tokens.refreshToken ?? '', now: later });
    if (!refreshed.ok) throw new Error(`refresh failed: ${JSON.stringify(refreshed.error)}`);
    expect(refreshed.tokens.accessToken).not.toBe(tokens.accessToken);
    expect(Date.parse(refreshed.tokens.expiresAt ?? '')).toBeGreaterThan(later.getTime());
  });

  it('works with client_secret_post', async () => {
    const { callbackParams, verifier } = await authorize(post, POST_CLIENT);
    const exchanged = await exchangeAuthorizationCode(post, POST_CLIENT, { redirectUri: OIDC_REDIRECT_URI, codeVerifier: verifier, callbackParams, now: NOW });
    expect(exchanged.ok).toBe(true);
    if (!exchanged.ok) return;
    const refreshed = await refreshAccessToken(post, POST_CLIENT, { refreshToken: exchanged.tokens.refreshToken ?? '', now: NOW });
    expect(refreshed.ok).toBe(true);
  });

  it('reports a wrong PKCE verifier as invalid_grant', async () => {
    const { callbackParams } = await authorize(basic, BASIC_CLIENT);
    const wrongVerifier = createPkcePair().verifier;
    const result = await exchangeAuthorizationCode(basic, BASIC_CLIENT, { redirectUri: OIDC_REDIRECT_URI, codeVerifier: wrongVerifier, callbackParams, now: NOW });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'oauth_error', status: 400, error: 'invalid_grant' }) });
  });

  it('reports a replayed code as an oauth_error', async () => {
    const { callbackParams, verifier } = await authorize(basic, BASIC_CLIENT);
    const params = { redirectUri: OIDC_REDIRECT_URI, codeVerifier: verifier, callbackParams, now: NOW };
    expect((await exchangeAuthorizationCode(basic, BASIC_CLIENT, params)).ok).toBe(true);
    const replay = await exchangeAuthorizationCode(basic, BASIC_CLIENT, params);
    expect(replay).toEqual({ ok: false, error: expect.objectContaining({ kind: 'oauth_error', status: 400, error: 'invalid_grant' }) });
  });

  it('reports a wrong client secret as invalid_client, without echoing the secret', async () => {
    const { callbackParams, verifier } = await authorize(basic, BASIC_CLIENT);
    const wrong = { clientId: BASIC_CLIENT.clientId, clientSecret: 'not-the-secret-at-all' };
    const result = await exchangeAuthorizationCode(basic, wrong, { redirectUri: OIDC_REDIRECT_URI, codeVerifier: verifier, callbackParams, now: NOW });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'oauth_error', status: 401, error: 'invalid_client' }) });
    expect(JSON.stringify(result)).not.toContain(wrong.clientSecret);
  });

  it('reports an unknown refresh token as invalid_grant', async () => {
    const result = await refreshAccessToken(basic, BASIC_CLIENT, { refreshToken: 'not-a-refresh-token', now: NOW });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'oauth_error', status: 400, error: 'invalid_grant' }) });
  });
});

describe('the OAuth engine when the platform fails', () => {
  let html: LocalServer;
  let garbage: LocalServer;

  beforeAll(async () => {
    html = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Sign in</body></html>');
    });
    garbage = await startLocalServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('upstream exploded \u0000\u0001');
    });
  });

  afterAll(async () => {
    await html?.close();
    await garbage?.close();
  });

  const callbackParams = new URLSearchParams({ code: 'some-authorization-code', state: 'xyz' });
  const exchange = (config: ResolvedOAuth2) =>
    exchangeAuthorizationCode(config, BASIC_CLIENT, { redirectUri: OIDC_REDIRECT_URI, codeVerifier: createPkcePair().verifier, callbackParams, now: NOW });

  it('reports an unreachable token endpoint as a network error', async () => {
    const base = await closedPortUrl();
    const result = await exchange(resolvedFor(`${base}/auth`, `${base}/token`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('network');
    expect(result.error).toMatchObject({ message: `${new URL(base).host} refused the connection` });
    const refresh = await refreshAccessToken(resolvedFor(`${base}/auth`, `${base}/token`), BASIC_CLIENT, { refreshToken: 'rt-0123456789', now: NOW });
    expect(refresh).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('reports a 200 HTML page as an unexpected response', async () => {
    const result = await exchange(resolvedFor(`${html.url}/auth`, `${html.url}/token`));
    expect(result).toEqual({ ok: false, error: { kind: 'unexpected_response', status: 200, message: expect.stringContaining('not a JSON object') } });
  });

  it('reports a 500 with garbage as an unexpected response', async () => {
    const result = await exchange(resolvedFor(`${garbage.url}/auth`, `${garbage.url}/token`));
    expect(result).toEqual({ ok: false, error: { kind: 'unexpected_response', status: 500, message: expect.stringContaining('HTTP 500') } });
  });

  it('reports error=access_denied on the callback without calling the token endpoint', async () => {
    const before = html.requests.length;
    const denied = new URLSearchParams({ error: 'access_denied', error_description: 'The user said no', state: 'xyz' });
    const result = await exchangeAuthorizationCode(resolvedFor(`${html.url}/auth`, `${html.url}/token`), BASIC_CLIENT, {
      redirectUri: OIDC_REDIRECT_URI,
      codeVerifier: createPkcePair().verifier,
      callbackParams: denied,
      now: NOW,
    });
    expect(result).toEqual({ ok: false, error: { kind: 'oauth_error', status: null, error: 'access_denied', description: 'The user said no' } });
    expect(html.requests.length).toBe(before);
  });
});
