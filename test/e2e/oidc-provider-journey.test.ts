/**
 * The OAuth2 engine against an authorization server nobody here wrote: oidc-provider, run in the
 * test and registered as a platform through DOORWAY_PROVIDERS_FILE, driven from a real browser.
 * Ends Linked, and the database files hold no plaintext token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_CLIENT, listenOidcServer, type PendingOidcServer } from '../oauth/support/oidc-server.js';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let authorizationServer: PendingOidcServer;
let doorway: RunningDoorway;
let browser: Browser;

const api = (method: string, path: string, body?: unknown) => doorway.api(method, path, body);

beforeAll(async () => {
  authorizationServer = await listenOidcServer();
  const providersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-providers-')), 'providers.json');
  fs.writeFileSync(
    providersFile,
    JSON.stringify({
      providers: [
        {
          key: 'tbks',
          name: 'Test Books',
          sourceType: 'Accounting',
          auth: {
            type: 'oauth2',
            authorizationUrl: `${authorizationServer.issuer}/auth`,
            tokenUrl: `${authorizationServer.issuer}/token`,
            scopes: ['openid', 'offline_access', 'accounting.read'],
            tokenEndpointAuth: 'client_secret_basic',
            // oidc-provider issues a refresh token for offline_access only with explicit consent.
            authorizationParams: { prompt: 'consent' },
          },
        },
      ],
    }),
  );
  doorway = await startDoorway({ config: { providersFile } });
  authorizationServer.configure([`${doorway.url}/link/oauth/callback`]);
  const enabled = await api('PUT', '/integrations/tbks/settings', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret });
  expect(enabled.status).toBe(200);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await doorway?.close();
  await authorizationServer?.close();
});

describe('a real authorization server (oidc-provider)', () => {
  it('links through the browser and stores its tokens only encrypted', async () => {
    const company = (await api('POST', '/companies', { name: 'OIDC Trading Ltd' })).json;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(company.redirect as string);
    await page.getByRole('button', { name: 'Connect Accounting' }).click();
    await page.getByRole('searchbox', { name: 'Search platforms' }).fill('test');
    await page.getByRole('button', { name: /^Test Books/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Connected to Test Books' }).waitFor({ timeout: 15_000 });
    await expectNoAxeViolations(page, 'result after oidc-provider');
    await context.close();

    const [connection] = (await api('GET', `/companies/${company.id}/connections`)).json.results as { id: string; status: string; integrationKey: string }[];
    expect(connection).toMatchObject({ status: 'Linked', integrationKey: 'tbks' });

    const row = await doorway.runtime.database.db.selectFrom('connections').select('credentials_sealed').where('id', '=', connection!.id).executeTakeFirstOrThrow();
    const tokens = JSON.parse(doorway.runtime.deps.secrets.open(row.credentials_sealed!, `connection:${connection!.id}`)) as {
      accessToken: string;
      refreshToken: string | null;
    };
    expect(tokens.accessToken.length).toBeGreaterThan(10);
    expect(tokens.refreshToken?.length).toBeGreaterThan(10);

    // Every byte SQLite has written (main file and write-ahead log) is free of the plaintext tokens.
    const config = doorway.runtime.config.database;
    if (config.kind !== 'sqlite') throw new Error('this check reads the SQLite files');
    const files = [config.filename, `${config.filename}-wal`].filter((file) => fs.existsSync(file));
    const bytes = Buffer.concat(files.map((file) => fs.readFileSync(file)));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(tokens.accessToken))).toBe(false);
    expect(bytes.includes(Buffer.from(tokens.refreshToken!))).toBe(false);
    expect(bytes.includes(Buffer.from(BASIC_CLIENT.clientSecret))).toBe(false);
  });
});
