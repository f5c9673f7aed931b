/**
 * OAuth platforms whose URLs need a value from the SMB first (Shopify's shop, Zoho's data
 * centre): the form comes before the redirect, and the value lands in the authorization URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddableCompany, EmbeddedLinkClient } from '../support/embedded-link-client.js';
import { HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('OAuth form fields on %s', (dialect) => {
  let doorway: RunningDoorway;

  beforeAll(async () => {
    const providersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-providers-')), 'providers.json');
    fs.writeFileSync(
      providersFile,
      JSON.stringify([
        {
          key: 'tnnt',
          name: 'Tenant Books',
          sourceType: 'Accounting',
          connectionConfig: [{ name: 'tenant', label: 'Tenant', type: 'text', pattern: '^[a-z0-9-]+$' }],
          auth: {
            type: 'oauth2',
            authorizationUrl: 'https://${connectionConfig.tenant}.books.example/oauth/authorize',
            tokenUrl: 'https://${connectionConfig.tenant}.books.example/oauth/token',
          },
        },
      ]),
    );
    doorway = await startDoorway({ dialect, config: { providersFile } });
    await doorway.api('PUT', '/integrations/tnnt/settings', { enabled: true, clientId: 'app', clientSecret: 'secret' });
  });
  afterAll(async () => doorway?.close());

  describe('OAuth platforms with form fields', () => {
    it('asks for the fields, then sends the browser to the URL built from them', async () => {
      const company = (await doorway.api('POST', '/companies', { name: 'Tenant Co' })).json;
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(company.redirect as string);
      const state = (await browser.api(sessionId, 'GET', '/state')).json;
      const integration = state.categories[0].integrations.find((i: { key: string }) => i.key === 'tnnt');
      expect(integration.fields.map((f: { name: string }) => f.name)).toEqual(['tenant']);

      const connection = (await browser.api(sessionId, 'POST', '/connections', { platformKey: 'tnnt' })).json.connection;
      expect((await browser.api(sessionId, 'POST', `/connections/${connection.id}/consent`)).json.next).toEqual({ kind: 'credentials' });

      // Jumping ahead without the value is the SMB's mistake: a friendly 400, never a 500.
      const early = await browser.follow(`/link/s/${sessionId}/connections/${connection.id}/authorize`);
      expect(early.status).toBe(400);
      expect(early.text).toContain('fill in the details Tenant Books needs');

      expect((await browser.api(sessionId, 'POST', `/connections/${connection.id}/credentials`, { values: { tenant: 'Not Valid!' } })).status).toBe(400);
      const saved = await browser.api(sessionId, 'POST', `/connections/${connection.id}/credentials`, { values: { tenant: 'acme-ltd' } });
      expect(saved.json.connection.status).toBe('PendingAuth');
      expect(saved.json.next.kind).toBe('redirect');
      const toPlatform = await browser.follow(saved.json.next.url as string);
      expect(toPlatform.status).toBe(302);
      const location = new URL(toPlatform.location!);
      expect(location.origin + location.pathname).toBe('https://acme-ltd.books.example/oauth/authorize');
      expect(location.searchParams.get('client_id')).toBe('app');
      expect((await doorway.api('GET', `/companies/${company.id}/connections/${connection.id}`)).json.connectionInfo).toEqual({ tenant: 'acme-ltd' });
    });

    it("sends an embedded mount's popup on to Doorway's embedded authorize URL after the form", async () => {
      const origin = 'https://lender.example';
      const { companyId, accessToken } = await embeddableCompany(doorway, origin, 'Tenant Embedded Co');
      const embed = new EmbeddedLinkClient(doorway.url, origin, companyId, accessToken);
      const sessionId = await embed.openSession();
      const connection = (await embed.request('POST', '/connections', { sessionId, body: { platformKey: 'tnnt' } })).json.connection;
      expect((await embed.request('POST', `/connections/${connection.id}/consent`, { sessionId })).json.next).toEqual({ kind: 'credentials' });
      const saved = await embed.request('POST', `/connections/${connection.id}/credentials`, { sessionId, body: { values: { tenant: 'acme-ltd' } } });
      expect(saved.json.next.url).toMatch(new RegExp(`^${doorway.url}/link/embed/authorize\\?ticket=dwt_`));
      const toPlatform = await new HttpLinkClient(doorway.url).request('GET', saved.json.next.url as string);
      expect(toPlatform.status).toBe(302);
      const location = new URL(toPlatform.location!);
      expect(location.origin + location.pathname).toBe('https://acme-ltd.books.example/oauth/authorize');
    });
  });
});
