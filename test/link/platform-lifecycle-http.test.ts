/**
 * A platform's whole life in Link against a real authorization server (oidc-provider, with RFC 7009
 * revocation) and a real local server answering like Xero's `GET /connections`: the connectionInfo
 * call after authorization, reconnect through the connection's linkUrl and the company's Link URL
 * (same id, `connection.reconnected`), a reconnect to another organisation refused, and unlink,
 * Link disconnect and delete erasing the stored credentials and revoking the refresh token at the
 * platform. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_MISMATCH } from '../../src/services/link/authorized-connection-info.js';
import { openConnectionCredentials } from '../../src/services/connections/connection-credentials.js';
import { refreshAccessToken, resolveOAuth2 } from '../../src/providers/oauth2/index.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { authorizeThroughRedirects, oidcTestPlatform, writeProvidersFile } from '../support/oidc-platform.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { startLocalServer, type LocalServer } from '../oauth/support/local-server.js';
import { BASIC_CLIENT, listenOidcServer, type PendingOidcServer } from '../oauth/support/oidc-server.js';

describe.each(TEST_DIALECTS)('a platform’s life in Link on %s', (dialect) => {
  let authorizationServer: PendingOidcServer;
  let connectionsApi: LocalServer;
  let doorway: RunningDoorway;
  /** What the fake `/connections` answers next. */
  const organisation = { tenantId: 'tenant-1', status: 200 };

  beforeAll(async () => {
    authorizationServer = await listenOidcServer({ revocation: true });
    connectionsApi = await startLocalServer((request, response) => {
      response.writeHead(organisation.status, { 'content-type': 'application/json' }).end(JSON.stringify([{ tenantId: organisation.tenantId, tenantName: 'Books' }]));
    });
    const { issuer } = authorizationServer;
    const definition = oidcTestPlatform(
      issuer,
      {
        revocationUrl: `${issuer}/token/revocation`,
        scopes: ['openid', 'offline_access', 'accounting.read'],
        authorizationParams: { prompt: 'consent' },
        connectionInfoRequest: { url: `${connectionsApi.url}/connections`, pick: { tenantId: '0.tenantId', tenantName: '0.tenantName' } },
      },
      { api: { baseUrl: `${connectionsApi.url}/api`, headers: { 'Xero-tenant-id': '${connectionInfo.tenantId}' } }, organisationField: 'tenantId' },
    );
    const providersFile = writeProvidersFile([definition]);
    doorway = await startDoorway({ dialect, config: { providersFile } });
    authorizationServer.configure([`${doorway.url}/link/oauth/callback`]);
    const enabled = await doorway.api('PUT', '/integrations/tbks/settings', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret });
    expect(enabled.status).toBe(200);
  });
  afterAll(async () => {
    await doorway?.close();
    await authorizationServer?.close();
    await connectionsApi?.close();
  });

  const authorizeFrom = (browser: HttpLinkClient, startUrl: string) => authorizeThroughRedirects(browser, startUrl, doorway.url);

  async function linkedConnection() {
    const company = (await doorway.api('POST', '/companies', { name: `Lifecycle ${Math.random()}` })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const chosen = await browser.api(sessionId, 'POST', '/connections', { platformKey: 'tbks' });
    const connectionId = chosen.json.connection.id as string;
    const consent = await browser.api(sessionId, 'POST', `/connections/${connectionId}/consent`);
    await authorizeFrom(browser, consent.json.next.url as string);
    const path = `/companies/${company.id}/connections/${connectionId}`;
    return { company, connectionId, path, browser, sessionId };
  }

  const sealedCredentials = async (connectionId: string) =>
    (await doorway.runtime.database.db.selectFrom('connections').select('credentials_sealed').where('id', '=', connectionId).executeTakeFirst())?.credentials_sealed ?? null;

  async function storedRefreshToken(connectionId: string): Promise<string> {
    const credentials = openConnectionCredentials(doorway.runtime.deps.secrets, connectionId, (await sealedCredentials(connectionId))!);
    if (credentials.kind !== 'oauth2' || !credentials.refreshToken) throw new Error('expected OAuth tokens with a refresh token');
    return credentials.refreshToken;
  }

  /** What the authorization server says of a refresh token now. */
  async function refreshAtPlatform(refreshToken: string) {
    const config = resolveOAuth2(doorway.runtime.deps.providers.get('tbks')!, { publicUrl: doorway.url });
    return refreshAccessToken(config, BASIC_CLIENT, { refreshToken, now: new Date() });
  }

  const eventTypes = async (companyId: string) =>
    (await doorway.runtime.database.db.selectFrom('webhook_events').select('event_type').where('company_id', '=', companyId).execute()).map((e) => e.event_type);

  it('asks the platform which organisation was connected, with the new token, before the connection is Linked', async () => {
    organisation.tenantId = 'tenant-1';
    const before = connectionsApi.requests.length;
    const { path, connectionId } = await linkedConnection();
    const connection = (await doorway.api('GET', path)).json;
    expect(connection).toMatchObject({ status: 'Linked', connectionInfo: { tenantId: 'tenant-1', tenantName: 'Books' } });
    // The control for the revocation tests below: a stored refresh token works until revoked.
    expect(await refreshAtPlatform(await storedRefreshToken(connectionId))).toMatchObject({ ok: true });
    const [call] = connectionsApi.requests.slice(before);
    expect(call).toMatchObject({ method: 'GET', url: '/connections' });
    expect(call!.headers.authorization).toMatch(/^Bearer \S{20,}$/);
  });

  it('fails the connection with a clear error when that call fails', async () => {
    organisation.status = 503;
    try {
      const { path } = await linkedConnection();
      const connection = (await doorway.api('GET', path)).json;
      expect(connection.status).toBe('PendingAuth');
      expect(connection.dataConnectionErrors).toEqual([
        expect.objectContaining({ statusCode: '502', statusText: 'Connection details unavailable', errorMessage: expect.stringMatching(/\/connections answered HTTP 503/), status: 'Active' }),
      ]);
    } finally {
      organisation.status = 200;
    }
  });

  it('unlink erases the stored credentials and revokes the refresh token at the platform', async () => {
    organisation.tenantId = 'tenant-1';
    const { connectionId, path } = await linkedConnection();
    const refreshToken = await storedRefreshToken(connectionId);
    expect((await doorway.api('PATCH', path, { status: 'Unlinked' })).json.status).toBe('Unlinked');
    expect(await sealedCredentials(connectionId)).toBeNull();
    expect(await refreshAtPlatform(refreshToken)).toMatchObject({ ok: false, error: { kind: 'oauth_error', error: 'invalid_grant' } });
    expect((await doorway.api('GET', path)).json.connectionInfo).toMatchObject({ tenantId: 'tenant-1' });
  });

  it('reconnects an unlinked connection through its linkUrl and through the company Link URL: same id, connection.reconnected', async () => {
    organisation.tenantId = 'tenant-1';
    const { company, connectionId, path } = await linkedConnection();
    expect((await doorway.api('PATCH', path, { status: 'Unlinked' })).status).toBe(200);

    const { linkUrl } = (await doorway.api('GET', path)).json;
    await authorizeFrom(new HttpLinkClient(doorway.url), linkUrl as string);
    expect((await doorway.api('GET', path)).json).toMatchObject({ id: connectionId, status: 'Linked' });
    expect(await sealedCredentials(connectionId)).not.toBeNull();

    // Disconnected from the Link page this time, then reconnected from the company's Link URL.
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const refreshToken = await storedRefreshToken(connectionId);
    expect((await browser.api(sessionId, 'POST', `/connections/${connectionId}/disconnect`)).json.connection.status).toBe('Unlinked');
    expect(await sealedCredentials(connectionId)).toBeNull();
    expect(await refreshAtPlatform(refreshToken)).toMatchObject({ ok: false, error: { error: 'invalid_grant' } });
    const next = await browser.api(sessionId, 'POST', `/connections/${connectionId}/reconnect`);
    await authorizeFrom(browser, next.json.next.url as string);
    expect((await doorway.api('GET', path)).json).toMatchObject({ id: connectionId, status: 'Linked' });

    const types = await eventTypes(company.id as string);
    const count = (type: string) => types.filter((type_) => type_ === type).length;
    expect([count('connection.connected'), count('connection.disconnected'), count('connection.reconnected')]).toEqual([1, 2, 2]);
  });

  it('refuses a reconnect that picks another organisation: the connection keeps its state and organisation', async () => {
    organisation.tenantId = 'tenant-1';
    const { company, connectionId, path } = await linkedConnection();
    expect((await doorway.api('PATCH', path, { status: 'Unlinked' })).status).toBe(200);
    organisation.tenantId = 'tenant-2';
    try {
      const browser = new HttpLinkClient(doorway.url);
      const { linkUrl } = (await doorway.api('GET', path)).json;
      const callback = await authorizeFrom(browser, linkUrl as string);
      const connection = (await doorway.api('GET', path)).json;
      expect(connection).toMatchObject({ status: 'Unlinked', connectionInfo: { tenantId: 'tenant-1' } });
      expect(connection.dataConnectionErrors.at(-1)).toMatchObject({ statusCode: '409', errorMessage: ORGANISATION_MISMATCH, status: 'Active' });
      expect(await sealedCredentials(connectionId)).toBeNull();

      // The business sees why on its Link page.
      const sessionId = new URL(callback.location!, doorway.url).pathname.split('/')[3]!;
      const shown = await browser.api(sessionId, 'GET', `/connections/${connectionId}`);
      expect(shown.json.connection.lastError.message).toBe(ORGANISATION_MISMATCH);
      expect(await eventTypes(company.id as string)).not.toContain('connection.reconnected');
    } finally {
      organisation.tenantId = 'tenant-1';
    }
  });

  it('a Deauthorized connection reconnects through its linkUrl, and a reconnect to another organisation keeps its credentials', async () => {
    organisation.tenantId = 'tenant-1';
    const { company, connectionId, path } = await linkedConnection();
    // What the token refresher does when the platform refuses the grant.
    const deauthorize = () => doorway.runtime.database.db.updateTable('connections').set({ status: 'Deauthorized' }).where('id', '=', connectionId).execute();
    await deauthorize();
    const sealed = await sealedCredentials(connectionId);
    organisation.tenantId = 'tenant-2';
    try {
      await authorizeFrom(new HttpLinkClient(doorway.url), (await doorway.api('GET', path)).json.linkUrl as string);
      expect((await doorway.api('GET', path)).json).toMatchObject({ status: 'Deauthorized', connectionInfo: { tenantId: 'tenant-1' } });
      expect(await sealedCredentials(connectionId)).toBe(sealed);
    } finally {
      organisation.tenantId = 'tenant-1';
    }
    await authorizeFrom(new HttpLinkClient(doorway.url), (await doorway.api('GET', path)).json.linkUrl as string);
    expect((await doorway.api('GET', path)).json).toMatchObject({ id: connectionId, status: 'Linked' });
    expect(await sealedCredentials(connectionId)).not.toBe(sealed);
    expect(await eventTypes(company.id as string)).toContain('connection.reconnected');
  });

  it('deleting the connection, or its company, revokes its refresh token at the platform', async () => {
    organisation.tenantId = 'tenant-1';
    const first = await linkedConnection();
    const firstToken = await storedRefreshToken(first.connectionId);
    expect((await doorway.api('DELETE', first.path)).status).toBe(200);
    expect(await refreshAtPlatform(firstToken)).toMatchObject({ ok: false, error: { error: 'invalid_grant' } });

    const second = await linkedConnection();
    const secondToken = await storedRefreshToken(second.connectionId);
    expect((await doorway.api('DELETE', `/companies/${second.company.id}`)).status).toBe(204);
    expect(await sealedCredentials(second.connectionId)).toBeNull();
    expect(await refreshAtPlatform(secondToken)).toMatchObject({ ok: false, error: { error: 'invalid_grant' } });
  });

  it('a credentials platform (WooCommerce) reconnects with its store, refuses another store, and erases its keys on disconnect', async () => {
    expect((await doorway.api('PUT', '/integrations/ltpp/settings', { enabled: true })).status).toBe(200);
    expect((await doorway.api('PUT', '/settings/link', { categories: { commerce: { enabled: true, optional: true } } })).status).toBe(200);
    const company = (await doorway.api('POST', '/companies', { name: `Shop ${Math.random()}` })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const chosen = await browser.api(sessionId, 'POST', '/connections', { platformKey: 'ltpp' });
    expect(chosen.status, JSON.stringify(chosen.json)).toBe(200);
    const connectionId = chosen.json.connection.id as string;
    expect((await browser.api(sessionId, 'POST', `/connections/${connectionId}/consent`)).json.next).toEqual({ kind: 'credentials' });
    const values = (storeUrl: string) => ({ values: { storeUrl, consumerKey: `ck_${'a'.repeat(40)}`, consumerSecret: `cs_${'b'.repeat(40)}` } });
    const submit = (storeUrl: string) => browser.api(sessionId, 'POST', `/connections/${connectionId}/credentials`, values(storeUrl));
    expect((await submit('https://shop.example.com')).json.connection.status).toBe('Linked');

    expect((await browser.api(sessionId, 'POST', `/connections/${connectionId}/disconnect`)).status).toBe(200);
    expect(await sealedCredentials(connectionId)).toBeNull();
    const other = await submit('https://other-shop.example.com');
    expect(other).toMatchObject({ status: 409, json: { error: { message: ORGANISATION_MISMATCH } } });
    const path = `/companies/${company.id}/connections/${connectionId}`;
    expect((await doorway.api('GET', path)).json).toMatchObject({ status: 'Unlinked', connectionInfo: { storeUrl: 'https://shop.example.com' } });

    expect((await submit('https://shop.example.com')).json.connection.status).toBe('Linked');
    expect(await eventTypes(company.id as string)).toContain('connection.reconnected');
  });

  it('unlinking a built-in Sandbox connection revokes its grant at the Sandbox’s own revocation endpoint', async () => {
    const company = (await doorway.api('POST', '/companies', { name: `Sandbox ${Math.random()}` })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
    const refreshToken = await storedRefreshToken(connectionId);
    expect((await doorway.api('PATCH', `/companies/${company.id}/connections/${connectionId}`, { status: 'Unlinked' })).json.status).toBe('Unlinked');
    expect(await sealedCredentials(connectionId)).toBeNull();
    const { deps } = doorway.runtime;
    const config = resolveOAuth2(deps.providers.get('mqjo')!, { publicUrl: doorway.url });
    expect(await refreshAccessToken(config, deps.sandboxOAuthApp, { refreshToken, now: new Date() })).toMatchObject({ ok: false, error: { error: 'invalid_grant' } });
  });
});
