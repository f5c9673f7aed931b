/**
 * The Sandbox's token lifecycle end to end, over real HTTP and a real database of each dialect:
 * refresh tokens rotate (the old one is refused), one refresh token used twice at once gives one
 * success, revocation (RFC 7009) ends refresh and API access, short lifetimes expire on the
 * injected clock, and the REST API pages and serves banking data to banking-scoped tokens.
 */
import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl, createPkcePair, exchangeAuthorizationCode, refreshAccessToken, type ResolvedOAuth2 } from '../../src/providers/oauth2/index.js';
import { getSandboxDataset } from '../../src/providers/sandbox/datasets.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { decideOnConsent, SANDBOX_APP as APP, SANDBOX_START as START, sandboxServerForSuite, type SandboxServer } from './support/sandbox-server.js';

async function link(server: SandboxServer, dataset = 'us-saas', provider: ResolvedOAuth2 = server.sandbox) {
  const { callbackParams, verifier } = await decideOnConsent(server, 'authorize', dataset, provider);
  const exchanged = await exchangeAuthorizationCode(provider, APP, { redirectUri: server.redirectUri, codeVerifier: verifier, callbackParams, now: server.now });
  if (!exchanged.ok) throw new Error(`exchange failed: ${JSON.stringify(exchanged.error)}`);
  return exchanged;
}

const refresh = (server: SandboxServer, refreshToken: string) => refreshAccessToken(server.sandbox, APP, { refreshToken, now: server.now });

const revoke = (server: SandboxServer, body: Record<string, string>, secret = APP.clientSecret) =>
  fetch(`${server.publicUrl}/sandbox/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${APP.clientId}:${secret}`).toString('base64')}` },
    body: new URLSearchParams(body),
  });

const api = (server: SandboxServer, path: string, token: string) => fetch(`${server.publicUrl}/sandbox/api/${path}`, { headers: { authorization: `Bearer ${token}` } });

describe.each(TEST_DIALECTS)('Sandbox grants on %s', (dialect) => {
  const server = sandboxServerForSuite(dialect);

  it('names the dataset in the token response, which the engine keeps as metadata', async () => {
    const linked = await link(server, 'de-wholesaler');
    expect(linked.metadata).toEqual({ dataset: 'de-wholesaler' });
  });

  it('rotates refresh tokens: the new one works, the old one is refused with invalid_grant', async () => {
    const linked = await link(server);
    const first = await refresh(server, linked.tokens.refreshToken ?? '');
    if (!first.ok) throw new Error('the first refresh failed');
    expect(first.tokens.refreshToken).not.toBe(linked.tokens.refreshToken);
    expect(await refresh(server, linked.tokens.refreshToken ?? '')).toMatchObject({
      ok: false,
      error: { kind: 'oauth_error', status: 400, error: 'invalid_grant', description: expect.stringContaining('already been used') },
    });
    const second = await refresh(server, first.tokens.refreshToken ?? '');
    expect(second.ok).toBe(true);
    // Access tokens of earlier generations still work until they expire: only the refresh token is single-use.
    expect((await api(server, 'company', first.tokens.accessToken)).status).toBe(200);
  });

  it('gives exactly one success when one refresh token is used twice at once', async () => {
    const linked = await link(server);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(server, linked.tokens.refreshToken ?? '')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const failed of results.filter((r) => !r.ok)) expect(failed).toMatchObject({ error: { error: 'invalid_grant' } });
    const winner = results.find((r) => r.ok);
    if (!winner?.ok) throw new Error('no winner');
    expect((await refresh(server, winner.tokens.refreshToken ?? '')).ok).toBe(true);
  });

  it('revokes the grant through its refresh token: refresh and API calls are refused afterwards', async () => {
    const linked = await link(server);
    expect((await api(server, 'company', linked.tokens.accessToken)).status).toBe(200);
    const revoked = await revoke(server, { token: linked.tokens.refreshToken ?? '', token_type_hint: 'refresh_token' });
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get('cache-control')).toBe('no-store');
    const refused = await api(server, 'company', linked.tokens.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await refused.json()).toEqual({ error: 'invalid_token', error_description: 'The access token has been revoked' });
    expect(await refresh(server, linked.tokens.refreshToken ?? '')).toMatchObject({ ok: false, error: { error: 'invalid_grant', description: 'The refresh token has been revoked' } });
    // Revoking again, or revoking garbage, is still a 200 (RFC 7009 §2.2).
    expect((await revoke(server, { token: linked.tokens.refreshToken ?? '' })).status).toBe(200);
    expect((await revoke(server, { token: 'not-a-sandbox-token' })).status).toBe(200);
  });

  it('revokes the grant through an access token too, and leaves other grants alone', async () => {
    const linked = await link(server);
    const other = await link(server, 'minimal');
    expect((await revoke(server, { token: linked.tokens.accessToken })).status).toBe(200);
    expect((await api(server, 'invoices', linked.tokens.accessToken)).status).toBe(401);
    expect((await refresh(server, linked.tokens.refreshToken ?? '')).ok).toBe(false);
    expect((await api(server, 'invoices', other.tokens.accessToken)).status).toBe(200);
    expect((await refresh(server, other.tokens.refreshToken ?? '')).ok).toBe(true);
  });

  it('authenticates the client at the revocation endpoint as at the token endpoint', async () => {
    const linked = await link(server);
    const wrong = await revoke(server, { token: linked.tokens.refreshToken ?? '' }, 'wrong-secret-value');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect(await (await revoke(server, {})).json()).toMatchObject({ error: 'invalid_request' });
    // The failed attempts revoked nothing.
    expect((await api(server, 'company', linked.tokens.accessToken)).status).toBe(200);
  });

  it('pages invoices like Codat and refuses bad paging with a 400', async () => {
    const linked = await link(server, 'us-saas');
    const invoices = getSandboxDataset('us-saas')?.invoices ?? [];
    expect(invoices.length).toBe(144);
    const page = await api(server, 'invoices?page=3&pageSize=50', linked.tokens.accessToken);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ results: invoices.slice(100, 144), pageNumber: 3, pageSize: 50, totalResults: 144 });
    expect(await (await api(server, 'invoices?page=9&pageSize=50', linked.tokens.accessToken)).json()).toMatchObject({ results: [], totalResults: 144 });
    const defaults = (await (await api(server, 'invoices', linked.tokens.accessToken)).json()) as { results: unknown[]; pageSize: number };
    expect([defaults.results.length, defaults.pageSize]).toEqual([100, 100]);
    for (const bad of ['page=0', 'page=x', 'pageSize=0', 'pageSize=5001', 'page=-1']) {
      const response = await api(server, `invoices?${bad}`, linked.tokens.accessToken);
      expect(response.status, bad).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('describes the datasets by their bank transactions on the Banking Sandbox\'s consent page', async () => {
    const url = buildAuthorizationUrl(server.resolve('bnks'), { clientId: APP.clientId, redirectUri: server.redirectUri, state: 's', codeChallenge: createPkcePair().challenge });
    const html = await (await fetch(url)).text();
    expect(html).toContain(`Hartley &amp; Finch Ltd · GBP · ${getSandboxDataset('uk-retailer')?.bankTransactions.length} bank transactions`);
    expect(html).toContain('Read banking data');
  });

  it('serves bank accounts and transactions to a Banking Sandbox token, and 403 across scopes', async () => {
    const banking = await link(server, 'uk-retailer', server.resolve('bnks'));
    expect(banking.tokens.scope).toBe('banking.read offline_access');
    const dataset = getSandboxDataset('uk-retailer');
    const accounts = await api(server, 'banking/accounts', banking.tokens.accessToken);
    expect(await accounts.json()).toEqual({ results: dataset?.bankAccounts, pageNumber: 1, pageSize: 100, totalResults: 1 });
    const transactions = (await (await api(server, 'banking/transactions?pageSize=5', banking.tokens.accessToken)).json()) as { results: unknown[]; totalResults: number };
    expect(transactions).toEqual({ results: dataset?.bankTransactions.slice(0, 5), pageNumber: 1, pageSize: 5, totalResults: dataset?.bankTransactions.length });
    const forAccount = (await (await api(server, `banking/transactions?accountId=nope`, banking.tokens.accessToken)).json()) as { totalResults: number };
    expect(forAccount.totalResults).toBe(0);

    const refused = await api(server, 'invoices', banking.tokens.accessToken);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await refused.json()).toMatchObject({ error: 'insufficient_scope' });
    const accounting = await link(server, 'uk-retailer');
    expect((await api(server, 'banking/accounts', accounting.tokens.accessToken)).status).toBe(403);
  });
});

describe.each(TEST_DIALECTS)('Sandbox token lifetimes on %s', (dialect) => {
  const server = sandboxServerForSuite(dialect, { accessTokenTtlSeconds: 30, refreshTokenTtlSeconds: 120 });
  const later = (seconds: number) => new Date(START.getTime() + seconds * 1000);

  it('expires access tokens and refresh tokens after the configured lifetimes', async () => {
    const linked = await link(server);
    expect(linked.tokens.expiresAt).toBe(later(30).toISOString());
    server.now = later(29);
    expect((await api(server, 'company', linked.tokens.accessToken)).status).toBe(200);
    server.now = later(30);
    const expired = await api(server, 'company', linked.tokens.accessToken);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'invalid_token', error_description: 'The access token has expired' });

    // A refresh pushes the refresh token's expiry out by its lifetime from now.
    server.now = later(100);
    const refreshed = await refresh(server, linked.tokens.refreshToken ?? '');
    if (!refreshed.ok) throw new Error('refresh failed');
    server.now = later(219);
    expect((await refresh(server, refreshed.tokens.refreshToken ?? '')).ok).toBe(true);
  });

  it('refuses a refresh token once its lifetime has passed, and prunes the grant', async () => {
    const linked = await link(server);
    server.now = later(120);
    expect(await refresh(server, linked.tokens.refreshToken ?? '')).toMatchObject({ ok: false, error: { error: 'invalid_grant', description: 'The refresh token has expired' } });
    expect(await server.store.sandboxGrants.deleteExpired(later(121).toISOString(), 100)).toBeGreaterThanOrEqual(1);
  });
});
