/**
 * The proof that a Linked connection is usable, end to end in Chromium: a real authorization server
 * (oidc-provider, rotating refresh tokens, 30-second access tokens) and a real resource server that
 * accepts only tokens that authorization server says are active. A business links in the browser;
 * the client reads a token the platform accepts, reads a refreshed one once it is due, and calls the
 * platform through the proxy; the grant is revoked (Deauthorized, `connection.disconnected`); the
 * business reconnects through the connection's linkUrl (`connection.reconnected`, same id); and a
 * reconnect to another organisation is refused on the Link page, changing nothing, and the tokens it
 * was issued are revoked at the platform. On SQLite and PostgreSQL (one Chromium per database).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_MISMATCH } from '../../src/services/link/authorized-connection-info.js';
import { BASIC_CLIENT, listenOidcServer, type OidcServer } from '../oauth/support/oidc-server.js';
import { launchBrowser } from '../support/browser.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { adjustableClock } from '../support/oidc-linking.js';
import { oidcTestPlatform, writeProvidersFile } from '../support/oidc-platform.js';
import { startResourceServer, type ResourceServer } from '../support/resource-server.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** Past the effective refresh margin of a 30-second token (half its lifetime), not past its expiry. */
const PAST_MARGIN_MS = 16_000;

describe.each(TEST_DIALECTS)('a usable connection, in Chromium, on %s', (dialect) => {
  const clock = adjustableClock();
  let as: OidcServer;
  let upstream: ResourceServer;
  let doorway: RunningDoorway;
  let receiver: WebhookReceiver;
  let browser: Browser;

  beforeAll(async () => {
    const pending = await listenOidcServer({ rotateRefreshToken: true, accessTokenTtlSeconds: 30, revocation: true });
    upstream = await startResourceServer({ isActive: (token) => as.accessTokenIsActive(token) });
    const definition = oidcTestPlatform(
      pending.issuer,
      {
        scopes: ['openid', 'offline_access', 'accounting.read'],
        // oidc-provider issues a refresh token for offline_access only with explicit consent.
        authorizationParams: { prompt: 'consent' },
        refreshTokenRotates: true,
        revocationUrl: `${pending.issuer}/token/revocation`,
        connectionInfoRequest: { url: `${upstream.url}/connections`, pick: { tenantId: '0.tenantId', tenantName: '0.tenantName' } },
      },
      { api: { baseUrl: `${upstream.url}/api`, headers: { 'Xero-tenant-id': '${connectionInfo.tenantId}' } }, organisationField: 'tenantId' },
    );
    doorway = await startDoorway({
      dialect,
      clock,
      webhookWorker: true,
      config: {
        providersFile: writeProvidersFile([definition]),
        webhooks: { worker: 'off', allowPrivateDestinations: true, retryScheduleSeconds: [0, 0, 0], retentionDays: 30, timeoutMs: 2000, concurrency: 8 },
      },
    });
    as = pending.configure([`${doorway.url}/link/oauth/callback`]);
    const enabled = await doorway.api('PUT', '/integrations/tbks/settings', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret });
    expect(enabled.status).toBe(200);
    receiver = await startWebhookReceiver();
    const consumer = await doorway.api('POST', '/webhooks', { url: receiver.url, eventTypes: ['connection.disconnected', 'connection.reconnected'] });
    expect(consumer.status).toBe(201);
    receiver.secrets.push((await doorway.api('GET', `/webhooks/${consumer.json.id}/secret`)).json.key as string);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await doorway?.close();
    await receiver?.close();
    await upstream?.close();
    await as?.close();
  });

  const refreshes = () => as.tokenRequests.refresh_token ?? 0;
  /** What the platform's API answers a token presented directly, as the client would. */
  const upstreamStatus = async (token: string) => (await fetch(`${upstream.url}/api/organisation`, { headers: { Authorization: `Bearer ${token}` } })).status;
  const sealedCredentials = async (connectionId: string) =>
    (await doorway.runtime.database.db.selectFrom('connections').select('credentials_sealed').where('id', '=', connectionId).executeTakeFirstOrThrow()).credentials_sealed;
  const eventTypes = async (companyId: string) =>
    (await doorway.runtime.database.db.selectFrom('webhook_events').select('event_type').where('company_id', '=', companyId).execute()).map((e) => e.event_type);
  const webhookFor = (connectionId: string, eventType: string) => receiver.received.filter((r) => r.event.eventType === eventType && r.event.payload.connection?.id === connectionId);

  /** Opens `url` in a fresh browser context and lets the business through to Link's result page. */
  async function throughLink(url: string, choosePlatform: boolean) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    if (choosePlatform) {
      await page.getByRole('button', { name: 'Connect Accounting' }).click();
      await page.getByRole('searchbox', { name: 'Search platforms' }).fill('test');
      await page.getByRole('button', { name: /^Test Books/ }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    return { page, close: () => context.close() };
  }

  it('links, refreshes, proxies, is Deauthorized, reconnects, and refuses another organisation', async () => {
    // 2. The business links in Chromium; the connection is Linked and names the organisation.
    const company = (await doorway.api('POST', '/companies', { name: 'Usable Books Ltd' })).json;
    const first = await throughLink(company.redirect as string, true);
    await first.page.getByRole('heading', { name: 'Connected to Test Books' }).waitFor({ timeout: 15_000 });
    await first.close();
    const [listed] = (await doorway.api('GET', `/companies/${company.id}/connections`)).json.results as { id: string }[];
    const connectionId = listed!.id;
    const path = `/companies/${company.id}/connections/${connectionId}`;
    expect((await doorway.api('GET', path)).json).toMatchObject({ status: 'Linked', integrationKey: 'tbks', connectionInfo: { tenantId: 'tenant-1', tenantName: 'Books One' } });
    expect(upstream.requests.filter((r) => r.path === '/connections' && r.accepted)).toHaveLength(1);

    // 3. A token the platform accepts; once past the margin, exactly one refresh and a new token.
    const before = refreshes();
    const fresh = await doorway.api('GET', `${path}/accessToken`);
    expect(fresh.status).toBe(200);
    expect(await upstreamStatus(fresh.json.accessToken as string)).toBe(200);
    expect(await upstreamStatus('not-a-token-the-server-issued')).toBe(401);
    expect(refreshes()).toBe(before);
    clock.advance(PAST_MARGIN_MS);
    const refreshed = await doorway.api('GET', `${path}/accessToken`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.accessToken).not.toBe(fresh.json.accessToken);
    expect(refreshes()).toBe(before + 1);
    expect(await upstreamStatus(refreshed.json.accessToken as string)).toBe(200);

    const proxied = await fetch(`${doorway.url}${path}/proxy/organisation`, { headers: { Authorization: doorway.authHeader } });
    expect(proxied.status).toBe(200);
    expect(await proxied.json()).toEqual({ tenantId: 'tenant-1', tenantName: 'Books One', requestedTenant: 'tenant-1' });
    expect(upstream.requests.at(-1)).toMatchObject({ path: '/api/organisation', accepted: true });
    expect(refreshes()).toBe(before + 1);

    // 4. The grant is revoked at the platform: its tokens stop working, the next refresh Deauthorizes.
    as.revokeGrants();
    expect(await upstreamStatus(refreshed.json.accessToken as string)).toBe(401);
    const refused = await doorway.api('GET', `${path}/accessToken?forceRefresh=true`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatch(/Deauthorized since .*invalid_grant/);
    expect((await doorway.api('GET', path)).json.status).toBe('Deauthorized');
    await receiver.waitFor(() => webhookFor(connectionId, 'connection.disconnected').length === 1);
    expect(webhookFor(connectionId, 'connection.disconnected')[0]!.event.payload).toMatchObject({ connection: { status: 'Deauthorized' }, referenceCompany: { id: company.id } });
    expect((await doorway.api('GET', `${path}/accessToken`)).status).toBe(409);

    // 5. The business reconnects through the connection's linkUrl: same connection, Linked, usable.
    const { linkUrl } = (await doorway.api('GET', path)).json;
    const reconnect = await throughLink(linkUrl as string, false);
    await reconnect.page.getByRole('heading', { name: 'Connected to Test Books' }).waitFor({ timeout: 15_000 });
    await reconnect.close();
    expect((await doorway.api('GET', path)).json).toMatchObject({ id: connectionId, status: 'Linked', connectionInfo: { tenantId: 'tenant-1' } });
    await receiver.waitFor(() => webhookFor(connectionId, 'connection.reconnected').length === 1);
    expect(webhookFor(connectionId, 'connection.reconnected')[0]!.event.payload).toMatchObject({ connection: { id: connectionId, status: 'Linked' } });
    const again = await fetch(`${doorway.url}${path}/proxy/organisation`, { headers: { Authorization: doorway.authHeader } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ tenantId: 'tenant-1', requestedTenant: 'tenant-1' });

    // 6. Deauthorized again, the business signs in to other books: refused, nothing changes.
    as.revokeGrants();
    expect((await doorway.api('GET', `${path}/accessToken?forceRefresh=true`)).status).toBe(409);
    await receiver.waitFor(() => webhookFor(connectionId, 'connection.disconnected').length === 2);
    const deauthorized = (await doorway.api('GET', path)).json;
    expect(deauthorized.status).toBe('Deauthorized');
    const sealed = await sealedCredentials(connectionId);
    expect(sealed).not.toBeNull();
    upstream.organisation.tenantId = 'tenant-2';
    upstream.organisation.tenantName = 'Books Two';

    const other = await throughLink(deauthorized.linkUrl as string, false);
    await other.page.getByTestId('result-error').getByText(ORGANISATION_MISMATCH).waitFor({ timeout: 15_000 });
    await other.close();
    const infoCalls = upstream.requests.filter((r) => r.path === '/connections' && r.accepted);
    expect(infoCalls).toHaveLength(3);
    // The tokens issued for the other organisation are given back to the platform.
    const refusedToken = /^Bearer (\S+)$/.exec(infoCalls[2]!.headers.authorization ?? '')![1]!;
    await expect.poll(() => as.accessTokenIsActive(refusedToken), { timeout: 5000 }).toBe(false);
    const after = (await doorway.api('GET', path)).json;
    expect(after).toMatchObject({ id: connectionId, status: 'Deauthorized', connectionInfo: deauthorized.connectionInfo });
    expect(after.connectionInfo.tenantId).toBe('tenant-1');
    expect(after.dataConnectionErrors.at(-1)).toMatchObject({ statusCode: '409', errorMessage: ORGANISATION_MISMATCH });
    expect(await sealedCredentials(connectionId)).toBe(sealed);
    expect((await eventTypes(company.id as string)).filter((type) => type === 'connection.reconnected')).toHaveLength(1);
    expect((await doorway.api('GET', `${path}/accessToken`)).status).toBe(409);
  }, 60_000);
});
