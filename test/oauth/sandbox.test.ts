import { describe, expect, it } from 'vitest';
import {
  buildAuthorizationUrl,
  createPkcePair,
  describeUpstreamError,
  exchangeAuthorizationCode,
  refreshAccessToken,
} from '../../src/providers/oauth2/index.js';
import { getSandboxDataset } from '../../src/providers/sandbox/datasets.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { decideOnConsent, formFrom, SANDBOX_APP as APP, SANDBOX_START as START, sandboxServerForSuite, submitForm as submit } from './support/sandbox-server.js';

describe.each(TEST_DIALECTS)('the Sandbox platform on %s', (dialect) => {
  const server = sandboxServerForSuite(dialect);

  async function openConsentPage(state = 'link-session-state') {
    const pkce = createPkcePair();
    const url = buildAuthorizationUrl(server.sandbox, { clientId: APP.clientId, redirectUri: server.redirectUri, state, codeChallenge: pkce.challenge });
    const page = await fetch(url);
    return { url, page, html: await page.text(), pkce, state };
  }

  const decide = (decision: 'authorize' | 'cancel' | 'error', dataset = 'us-saas') => decideOnConsent(server, decision, dataset);

  const api = (path: string, token: string) => fetch(`${server.publicUrl}/sandbox/api/${path}`, { headers: { authorization: `Bearer ${token}` } });

  describe('resolveOAuth2 for the Sandbox', () => {
    it('points every sandbox provider at Doorway itself', () => {
      expect(server.sandbox).toMatchObject({
        authorizationUrl: `${server.publicUrl}/sandbox/oauth/authorize`,
        tokenUrl: `${server.publicUrl}/sandbox/oauth/token`,
        pkce: true,
        tokenEndpointAuth: 'client_secret_basic',
        scopes: ['accounting.read', 'offline_access'],
      });
    });
  });

  describe('the Sandbox consent page', () => {
    it('is an accessible, script-free form with a strict CSP', async () => {
      const { page, html } = await openConsentPage();
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toBe(
        `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${server.publicUrl}; frame-ancestors 'none'; base-uri 'none'`,
      );
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(html).toContain('<title>Sandbox — authorize Doorway</title>');
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<form method="post">');
      expect(html).toMatch(/<fieldset>\s*<legend>Sample company to share<\/legend>/);
      expect(html.match(/type="radio"/g)).toHaveLength(4);
      expect(html).toContain('id="dataset-uk-retailer" name="dataset" value="uk-retailer" checked required');
      expect(html).toContain('<label for="dataset-uk-retailer">');
      expect(html).toContain('<button type="submit" name="decision" value="authorize" class="primary">Authorize</button>');
      expect(html).toContain('value="cancel" formnovalidate>Cancel</button>');
      expect(html).toContain('value="error" class="quiet" formnovalidate>Simulate an error</button>');
      expect(html).not.toMatch(/<script|style=|<style/i);
    });

    it('serves its stylesheet', async () => {
      const css = await fetch(`${server.publicUrl}/sandbox/assets/sandbox.css`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(await css.text()).toContain('prefers-color-scheme');
    });

    it('escapes what it echoes back', async () => {
      const { html } = await openConsentPage('"><script>alert(1)</script>');
      expect(html).not.toContain('<script>');
      expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    });

    it('shows a 400 page, never a redirect, for an untrusted redirect_uri or client', async () => {
      const pkce = createPkcePair();
      const cases = [
        { redirectUri: 'https://attacker.example/link/oauth/callback', clientId: APP.clientId },
        { redirectUri: `${server.publicUrl}/link/oauth/callback-evil`, clientId: APP.clientId },
        { redirectUri: `${server.publicUrl}/link/oauth/callback#fragment`, clientId: APP.clientId },
        { redirectUri: server.redirectUri, clientId: 'someone-else' },
      ];
      for (const bad of cases) {
        const url = buildAuthorizationUrl(server.sandbox, { ...bad, state: 's', codeChallenge: pkce.challenge });
        for (const response of [await fetch(url, { redirect: 'manual' }), await submit(url, new URL(url).searchParams)]) {
          expect(response.status).toBe(400);
          expect(response.headers.get('location')).toBeNull();
          expect(response.headers.get('content-security-policy')).toContain("form-action 'none'");
          expect(await response.text()).toContain("This authorization request can't be completed");
        }
      }
    });

    it('reports a missing PKCE challenge to the (validated) client as invalid_request', async () => {
      const url = buildAuthorizationUrl({ ...server.sandbox, pkce: false }, { clientId: APP.clientId, redirectUri: server.redirectUri, state: 's1' });
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('PKCE'), state: 's1' });
    });

    it('asks again when no dataset was chosen', async () => {
      const { url, html } = await openConsentPage();
      const form = formFrom(html, { decision: 'authorize' });
      form.delete('dataset');
      const response = await submit(url, form);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Choose a sample company to share.');
    });
  });

  describe('the Sandbox flow through the OAuth engine', () => {
    it('authorizes, exchanges the code, reads the dataset and refreshes', async () => {
      const { callbackParams, verifier } = await decide('authorize', 'us-saas');
      const exchanged = await exchangeAuthorizationCode(server.sandbox, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
      if (!exchanged.ok) throw new Error(`exchange failed: ${JSON.stringify(exchanged.error)}`);
      expect(exchanged.tokens).toMatchObject({
        tokenType: 'bearer',
        scope: 'accounting.read offline_access',
        expiresAt: '2025-06-01T10:00:00.000Z',
        idToken: null,
      });
      expect(exchanged.tokens.refreshToken).toEqual(expect.any(String));

      const company = await api('company', exchanged.tokens.accessToken);
      expect(company.status).toBe(200);
      expect(await company.json()).toEqual({ dataset: 'us-saas', ...getSandboxDataset('us-saas')?.company });
      const accounts = (await (await api('accounts', exchanged.tokens.accessToken)).json()) as { results: unknown[] };
      expect(accounts.results).toEqual(getSandboxDataset('us-saas')?.accounts);

      server.now = new Date(START.getTime() + 2 * 60 * 60 * 1000);
      expect((await api('company', exchanged.tokens.accessToken)).status).toBe(401);
      const refreshed = await refreshAccessToken(server.sandbox, APP, { refreshToken: exchanged.tokens.refreshToken ?? '', now: server.now });
      if (!refreshed.ok) throw new Error(`refresh failed: ${JSON.stringify(refreshed.error)}`);
      expect(refreshed.tokens.expiresAt).toBe('2025-06-01T12:00:00.000Z');
      expect(refreshed.tokens.refreshToken).not.toBe(exchanged.tokens.refreshToken);
      const again = await api('company', refreshed.tokens.accessToken);
      expect(((await again.json()) as { name: string }).name).toBe('Northwind Cloud Inc.');
    });

    it('accepts client_secret_post too', async () => {
      const { callbackParams, verifier } = await decide('authorize', 'minimal');
      const viaPost = { ...server.sandbox, tokenEndpointAuth: 'client_secret_post' as const };
      const exchanged = await exchangeAuthorizationCode(viaPost, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
      expect(exchanged.ok).toBe(true);
      if (exchanged.ok) expect(((await (await api('company', exchanged.tokens.accessToken)).json()) as { name: string }).name).toBe('Fresh Start Ltd');
    });

    it('turns Cancel into access_denied, which the engine reports as a 403 connection error', async () => {
      const { callbackParams, verifier } = await decide('cancel');
      expect(callbackParams.get('error')).toBe('access_denied');
      expect(callbackParams.has('code')).toBe(false);
      const result = await exchangeAuthorizationCode(server.sandbox, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
      expect(result).toEqual({ ok: false, error: { kind: 'oauth_error', status: null, error: 'access_denied', description: 'User cancelled' } });
      if (!result.ok) {
        expect(describeUpstreamError(result.error)).toEqual({ statusCode: '403', statusText: 'User cancelled linking', errorMessage: 'User cancelled' });
      }
    });

    it('turns Simulate an error into server_error', async () => {
      const { callbackParams, verifier } = await decide('error');
      const result = await exchangeAuthorizationCode(server.sandbox, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
      expect(result).toEqual({ ok: false, error: { kind: 'oauth_error', status: null, error: 'server_error', description: 'Simulated error' } });
    });

    it('rejects a wrong client secret with invalid_client', async () => {
      const { callbackParams, verifier } = await decide('authorize');
      const result = await exchangeAuthorizationCode(server.sandbox, { ...APP, clientSecret: 'wrong-secret-value' }, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
      expect(result).toEqual({ ok: false, error: { kind: 'oauth_error', status: 401, error: 'invalid_client', description: 'Client authentication failed' } });
    });

    it('rejects a wrong verifier, another redirect_uri and an expired code with invalid_grant', async () => {
      const { callbackParams, verifier } = await decide('authorize');
      const exchange = (overrides: { codeVerifier?: string; redirectUri?: string }) =>
        exchangeAuthorizationCode(server.sandbox, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now, ...overrides });
      expect(await exchange({ codeVerifier: createPkcePair().verifier })).toMatchObject({
        ok: false,
        error: { kind: 'oauth_error', status: 400, error: 'invalid_grant', description: 'PKCE verification failed' },
      });
      expect(await exchange({ redirectUri: `${server.redirectUri}?other=1` })).toMatchObject({ ok: false, error: { error: 'invalid_grant' } });
      server.now = new Date(START.getTime() + 61_000);
      expect(await exchange({})).toMatchObject({ ok: false, error: { error: 'invalid_grant', description: 'The authorization code has expired' } });
    });

    it('rejects requests to the API without a valid access token', async () => {
      const missing = await fetch(`${server.publicUrl}/sandbox/api/company`);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="Doorway Sandbox"');
      const { callbackParams, verifier } = await decide('authorize');
      const exchanged = await exchangeAuthorizationCode(server.sandbox, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
      if (!exchanged.ok) throw new Error('exchange failed');
      // A refresh token is not an access token.
      const wrongKind = await api('accounts', exchanged.tokens.refreshToken ?? '');
      expect(wrongKind.status).toBe(401);
      expect(await wrongKind.json()).toEqual({ error: 'invalid_token', error_description: 'The access token is not valid' });
    });
  });

  describe('the Sandbox token endpoint', () => {
    const basic = `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString('base64')}`;
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.publicUrl}/sandbox/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic, ...headers }, body });

    it('answers RFC 6749 errors, never cached', async () => {
      const unsupported = await post('grant_type=client_credentials');
      expect(unsupported.status).toBe(400);
      expect(unsupported.headers.get('cache-control')).toBe('no-store');
      expect(await unsupported.json()).toMatchObject({ error: 'unsupported_grant_type' });
      expect(await (await post('code=x')).json()).toMatchObject({ error: 'invalid_request' });
      expect(await (await post('grant_type=refresh_token&grant_type=refresh_token')).json()).toMatchObject({ error: 'invalid_request' });
      expect(await (await post('{"grant_type":"refresh_token"}', { 'content-type': 'application/json' })).json()).toMatchObject({ error: 'invalid_request' });
      expect(await (await post('grant_type=refresh_token&refresh_token=forged')).json()).toMatchObject({ error: 'invalid_grant' });

      const noClient = await post('grant_type=refresh_token&refresh_token=x', { authorization: '' });
      expect(noClient.status).toBe(401);
      const wrongBasic = await post('grant_type=refresh_token&refresh_token=x', { authorization: `Basic ${Buffer.from(`${APP.clientId}:nope`).toString('base64')}` });
      expect(wrongBasic.status).toBe(401);
      expect(wrongBasic.headers.get('www-authenticate')).toContain('Basic');
      const bothMethods = await post(`grant_type=refresh_token&refresh_token=x&client_secret=${APP.clientSecret}`);
      expect(await bothMethods.json()).toMatchObject({ error: 'invalid_request' });
    });
  });
});
