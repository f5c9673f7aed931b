/**
 * The Portal API of the Link settings, Redirects and Integrations pages, over HTTP on both
 * databases: what each role may do (a viewer reads and is refused every change with 403), that
 * one client's staff never see or change another client's settings, and that bad input is a 400
 * that names the field. The same services as the public API, so a change shows there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { signInAsAdmin, staffUser, type PortalClient } from '../support/portal-client.js';
import { oidcTestPlatform, writeProvidersFile } from '../support/oidc-platform.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { BASIC_CLIENT, startOidcServer, type OidcServer } from '../oauth/support/oidc-server.js';

describe.each(TEST_DIALECTS)('Portal settings API on %s', (dialect) => {
  let oidc: OidcServer;
  let doorway: RunningDoorway;
  let admin: PortalClient;
  let developer: PortalClient;
  let viewer: PortalClient;
  let otherAdmin: PortalClient;

  beforeAll(async () => {
    oidc = await startOidcServer();
    doorway = await startDoorway({ dialect, config: { providersFile: writeProvidersFile([oidcTestPlatform(oidc.issuer)]) } });
    admin = await signInAsAdmin(doorway);
    developer = await staffUser(doorway, 'developer');
    viewer = await staffUser(doorway, 'viewer');
    const other = await createClient(doorway.runtime.deps, { name: 'Other Lender' });
    otherAdmin = await staffUser(doorway, 'admin', other.client.id);
  });
  afterAll(async () => {
    await doorway?.close();
    await oidc?.close();
  });

  describe('Link settings', () => {
    it('reads the settings with their default copy and the platforms for the preview', async () => {
      const view = await viewer.get('/settings/link');
      expect(view.status).toBe(200);
      expect(view.json.settings.categories.accounting).toEqual({ enabled: true, optional: false, allowedIntegrations: null });
      expect(view.json.defaultText['landing.title']).toBe('Connect your business software');
      expect(view.json.platforms.find((p: { key: string }) => p.key === 'mqjo')).toMatchObject({ name: 'Sandbox', sourceType: 'Accounting', authType: 'sandbox', enabled: true });
      expect(view.json.client).toMatchObject({ slug: 'default', redirectConfigured: false });
    });

    it('saves for a developer, as PUT /settings/link of the public API would', async () => {
      const saved = await developer.put('/settings/link', { text: { 'landing.title': 'Welcome to Lender' }, branding: { primaryColor: '#aa3300' } });
      expect(saved.status).toBe(200);
      expect(saved.json.branding.primaryColor).toBe('#aa3300');
      expect((await doorway.api('GET', '/settings/link')).json.text).toEqual({ 'landing.title': 'Welcome to Lender' });
      expect((await otherAdmin.get('/settings/link')).json.settings.text).toEqual({});
    });

    it('refuses a viewer, bad input (naming the field) and a rule the service keeps', async () => {
      const refused = await viewer.put('/settings/link', { text: { 'landing.title': 'Viewer was here' } });
      expect(refused.status).toBe(403);
      expect((await doorway.api('GET', '/settings/link')).json.text['landing.title']).toBe('Welcome to Lender');

      const badColour = await admin.put('/settings/link', { branding: { primaryColor: 'red' } });
      expect(badColour.status).toBe(400);
      expect(badColour.json.error.fields['branding.primaryColor']).toContain('hex colour');

      const none = await admin.put('/settings/link', { categories: { accounting: { enabled: false }, banking: { enabled: false }, commerce: { enabled: false } } });
      expect(none.status).toBe(400);
      expect(none.json.error.message).toContain('At least one category');
    });
  });

  describe('Redirects', () => {
    it('saves the redirect and its allow-list, keeping the profile’s name, for a developer only', async () => {
      expect((await viewer.put('/settings/redirects', { redirectUrl: 'https://viewer.example/', whiteListUrls: [] })).status).toBe(403);
      const saved = await developer.put('/settings/redirects', { redirectUrl: ' https://{env}.lender.example/done ', whiteListUrls: ['https://uat.lender.example', ' '] });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ redirectUrl: 'https://{env}.lender.example/done', whiteListUrls: ['https://uat.lender.example'] });
      const profile = (await doorway.api('GET', '/profile')).json;
      expect(profile).toMatchObject({ redirectUrl: 'https://{env}.lender.example/done', whiteListUrls: ['https://uat.lender.example'] });
      expect(profile.name).toBe(doorway.runtime.defaultClient.client.name);
      expect((await otherAdmin.get('/settings/redirects')).json.redirectUrl).toBe('');
    });

    it('refuses what the profile refuses, and bad input, with 400', async () => {
      const noList = await admin.put('/settings/redirects', { redirectUrl: 'https://{env}.lender.example/done', whiteListUrls: [] });
      expect(noList.status).toBe(400);
      expect(noList.json.error.message).toContain('whiteListUrls');
      expect((await admin.put('/settings/redirects', { redirectUrl: 42, whiteListUrls: [] })).json.error.fields.redirectUrl).toBeTruthy();
    });

    it('tests a saved or unsaved redirect for any role, each client its own', async () => {
      const saved = await viewer.post('/settings/redirects/test', { sample: { query: { env: 'uat' } } });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ configured: true, allowed: true, resolvedUrl: 'https://uat.lender.example/done' });
      const refused = await developer.post('/settings/redirects/test', { sample: { query: { env: 'prod' } } });
      expect(refused.json).toMatchObject({ allowed: false, reason: expect.stringContaining('prod.lender.example') });
      const unsaved = await developer.post('/settings/redirects/test', { redirectUrl: 'https://lender.example/{companyId}', whiteListUrls: [], sample: { companyId: 'c1', outcome: 'exited' } });
      expect(unsaved.json).toMatchObject({ allowed: true, resolvedUrl: 'https://lender.example/c1' });
      expect((await otherAdmin.post('/settings/redirects/test', {})).json).toMatchObject({ configured: false });
      expect((await admin.post('/settings/redirects/test', { sample: { outcome: 'maybe' } })).status).toBe(400);
      expect((await admin.post('/settings/redirects/test', { sample: { platformKey: 'zzzz' } })).status).toBe(400);
    });
  });

  describe('Integrations', () => {
    it('lists each platform with the OAuth app’s id, never its secret, and the callback URL', async () => {
      const list = await viewer.get('/integrations');
      expect(list.status).toBe(200);
      const tbks = list.json.integrations.find((i: { key: string }) => i.key === 'tbks');
      expect(tbks).toMatchObject({ name: 'Test Books', authType: 'oauth2', enabled: false, oauth: { clientId: null, hasClientSecret: false, callbackUrl: `${doorway.url}/link/oauth/callback` } });
      expect(list.json.integrations.find((i: { key: string }) => i.key === 'mqjo')).toMatchObject({ enabled: true, oauth: null });
    });

    it('enables an OAuth platform with its app for a developer; the secret stays write-only', async () => {
      expect((await viewer.put('/integrations/tbks', { enabled: true, clientId: 'x', clientSecret: 'y' })).status).toBe(403);
      const saved = await developer.put('/integrations/tbks', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ enabled: true, oauth: { clientId: BASIC_CLIENT.clientId, hasClientSecret: true } });
      expect(JSON.stringify(saved.json)).not.toContain(BASIC_CLIENT.clientSecret);
      expect(JSON.stringify((await admin.get('/integrations')).json)).not.toContain(BASIC_CLIENT.clientSecret);
      expect((await doorway.api('GET', '/integrations/tbks')).json.enabled).toBe(true);
      expect((await otherAdmin.get('/integrations')).json.integrations.find((i: { key: string }) => i.key === 'tbks').enabled).toBe(false);
    });

    it('tests the saved app and an unsaved wrong secret against the platform', async () => {
      await expect(developer.post('/integrations/tbks/test', {})).resolves.toMatchObject({ status: 200, json: { result: 'valid' } });
      const wrong = await developer.post('/integrations/tbks/test', { clientSecret: 'definitely-wrong' });
      expect(wrong.json).toMatchObject({ result: 'invalid' });
      expect((await viewer.post('/integrations/tbks/test', {})).status).toBe(403);
      // Another client has no app for it: nothing to test, and never this client's app.
      expect((await otherAdmin.post('/integrations/tbks/test', {})).status).toBe(400);
    });

    it('refuses bad input and unknown platforms', async () => {
      expect((await admin.put('/integrations/tbks', { enabled: 'yes' })).json.error.fields.enabled).toBeTruthy();
      expect((await admin.put('/integrations/tbks', { enabled: true, clientSecret: null })).status).toBe(400);
      expect((await admin.put('/integrations/nope', { enabled: true })).status).toBe(404);
      expect((await admin.post('/integrations/tbks/test', { clientSecret: '' })).status).toBe(400);
      expect((await admin.post('/integrations/mqjo/test', {})).status).toBe(400);
    });
  });
});
