/**
 * The proxy presents each platform's credentials as its provider definition's `api` declares
 * (src/providers/api-credentials.ts), end to end: operator definitions in DOORWAY_PROVIDERS_FILE
 * point a Shopify-style platform (bare token in its own header, plus an app-key header) and a
 * WooCommerce-style one (HTTP Basic from form fields) at a real local platform API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { rawRequest, startPlatformApiServer, type PlatformApiServer } from '../support/platform-api-server.js';
import { linkSandboxConnection } from '../support/proxy-connections.js';
import { doorwayForSuite } from '../support/start-doorway.js';

const BASIC_USER = 'ck_proxy_user';
const BASIC_SECRET = 'cs_proxy-secret-Ünïcode';

describe.each(TEST_DIALECTS)('the proxy presenting platform-specific credentials on %s', (dialect) => {
  let platform: PlatformApiServer;
  const logLines: string[] = [];
  const providersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-proxy-credentials-')), 'providers.json');
  beforeAll(async () => {
    platform = await startPlatformApiServer();
    const shopifyStyle = {
      key: 'mqjo',
      name: 'Sandbox',
      sourceType: 'Accounting',
      isSandbox: true,
      auth: { type: 'sandbox' },
      api: { baseUrl: `${platform.url}/api`, tokenHeader: 'X-Shopify-Access-Token', tokenScheme: '', clientIdHeader: 'X-App-Key' },
    };
    const basicStyle = {
      key: 'ltpp',
      name: 'WooCommerce',
      sourceType: 'Commerce',
      auth: { type: 'credentials' },
      api: { baseUrl: `${platform.url}/api`, basicAuth: { usernameField: 'consumerKey', passwordField: 'consumerSecret' } },
      connectionConfig: [
        { name: 'consumerKey', label: 'Consumer key', type: 'text' },
        { name: 'consumerSecret', label: 'Consumer secret', type: 'password', secret: true },
      ],
    };
    const noWayToSend = {
      key: 'qwer',
      name: 'Keys Only',
      sourceType: 'Accounting',
      auth: { type: 'credentials' },
      api: { baseUrl: `${platform.url}/api` },
      connectionConfig: [{ name: 'apiKey', label: 'API key', type: 'password', secret: true }],
    };
    fs.writeFileSync(providersFile, JSON.stringify([shopifyStyle, basicStyle, noWayToSend]));
  });
  afterAll(async () => platform?.close());
  const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString()), done()) }));
  const doorway = doorwayForSuite({ dialect, log, config: { providersFile } });

  /** A company with a connection to `platformKey` holding the given form credentials (PUT /authorization). */
  async function formConnection(platformKey: string, fields: Record<string, string>) {
    expect((await doorway.api('PUT', `/integrations/${platformKey}/settings`, { enabled: true })).status).toBe(200);
    const company = (await doorway.api('POST', '/companies', { name: `Form ${platformKey} Ltd` })).json;
    const created = await doorway.api('POST', `/companies/${company.id}/connections`, { platformKey });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const authorized = await doorway.api('PUT', `/companies/${company.id}/connections/${created.json.id}/authorization`, fields);
    expect(authorized.status, JSON.stringify(authorized.json)).toBe(200);
    return `/companies/${company.id}/connections/${created.json.id}/proxy`;
  }
  const echoed = (body: string) => (JSON.parse(body) as { headers: Record<string, string | undefined> }).headers;

  it("sends the bare token in the platform's own header and the app's client id, overriding the client's, with no Authorization", async () => {
    const linked = await linkSandboxConnection(doorway);
    platform.acceptedTokens.add(linked.accessToken);
    const response = await rawRequest(doorway.url, `${linked.proxy}/echo`, {
      headers: { Authorization: doorway.authHeader, 'X-Shopify-Access-Token': 'client-forged', 'X-App-Key': 'client-forged' },
    });
    expect(response.status, response.body).toBe(200);
    const headers = echoed(response.body);
    expect(headers['x-shopify-access-token']).toBe(linked.accessToken);
    expect(headers['x-app-key']).toBe(doorway.runtime.deps.sandboxOAuthApp.clientId);
    expect(headers.authorization).toBeUndefined();
  });

  it('sends form credentials as HTTP Basic when the platform declares api.basicAuth', async () => {
    platform.acceptedTokens.add(`${BASIC_USER}:${BASIC_SECRET}`);
    const proxy = await formConnection('ltpp', { consumerKey: BASIC_USER, consumerSecret: BASIC_SECRET });
    const response = await rawRequest(doorway.url, `${proxy}/echo?page=1`, { headers: { Authorization: doorway.authHeader, 'X-Client': 'kept' } });
    expect(response.status, response.body).toBe(200);
    const headers = echoed(response.body);
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`${BASIC_USER}:${BASIC_SECRET}`, 'utf8').toString('base64')}`);
    expect(headers['x-client']).toBe('kept');
    // No refresh for form credentials: the platform's 401 comes straight back, sent once.
    const rejected = await formConnection('ltpp', { consumerKey: BASIC_USER, consumerSecret: 'cs_wrong' });
    const before = platform.hits('/api/echo');
    const unauthorized = await rawRequest(doorway.url, `${rejected}/echo`, { headers: { Authorization: doorway.authHeader } });
    expect([unauthorized.status, platform.hits('/api/echo') - before]).toEqual([401, 1]);
  });

  it('keeps the 409 for form credentials the platform declares no way to send, and calls nothing', async () => {
    const proxy = await formConnection('qwer', { apiKey: 'secret-api-key-123' });
    const before = platform.received.length;
    const response = await rawRequest(doorway.url, `${proxy}/echo`, { headers: { Authorization: doorway.authHeader } });
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 409, error: expect.stringContaining('declares no way to send them') });
    expect(platform.received.length).toBe(before);
  });

  it('writes no credential to the logs', async () => {
    await expect.poll(() => logLines.some((line) => line.includes('/proxy/echo'))).toBe(true);
    const all = logLines.join('\n');
    for (const secret of [BASIC_SECRET, Buffer.from(`${BASIC_USER}:${BASIC_SECRET}`).toString('base64'), 'secret-api-key-123', ...platform.acceptedTokens]) {
      expect(all).not.toContain(secret);
    }
  });
});
