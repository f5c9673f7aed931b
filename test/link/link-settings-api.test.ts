/** `GET/PUT /settings/link` (Doorway extension) and its effect on what the Link flow offers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('Link settings API on %s', (dialect) => {
  let doorway: RunningDoorway;
  const api = (method: string, path: string, body?: unknown) => doorway.api(method, path, body);

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
  });
  afterAll(async () => doorway?.close());

  describe('Link settings', () => {
    it('serves defaults, stores changes and validates them', async () => {
      const defaults = await api('GET', '/settings/link');
      expect(defaults.json).toMatchObject({ showLandingPage: false, showSandboxIntegrations: true, categories: { accounting: { enabled: true, optional: false } } });

      const saved = await api('PUT', '/settings/link', {
        showLandingPage: true,
        categories: { commerce: { enabled: true, optional: true }, banking: { enabled: false } },
        branding: { primaryColor: '#0a7c4a' },
        text: { 'landing.title': 'Welcome to Acme Lending', 'accounting.consents.headers.purpose': 'Why' },
      });
      expect(saved.status).toBe(200);
      expect(saved.json.branding.primaryColor).toBe('#0a7c4a');
      expect((await api('GET', '/settings/link')).json.text['landing.title']).toBe('Welcome to Acme Lending');

      expect((await api('PUT', '/settings/link', { branding: { primaryColor: 'red' } })).status).toBe(400);
      expect((await api('PUT', '/settings/link', { text: { 'no.such.key': 'x' } })).status).toBe(400);
      expect((await api('PUT', '/settings/link', { categories: { accounting: { allowedIntegrations: ['zzzz'] } } })).status).toBe(400);
      const none = await api('PUT', '/settings/link', {
        categories: { accounting: { enabled: false }, banking: { enabled: false }, commerce: { enabled: false } },
      });
      expect(none.status).toBe(400);
    });

    it('shapes the Link state: texts, categories, and sandbox visibility per client and per visit', async () => {
      await api('PUT', '/settings/link', {
        showLandingPage: true,
        showSandboxIntegrations: false,
        categories: { banking: { enabled: true, optional: true }, commerce: { enabled: false } },
        text: { 'main.title': 'Share your books' },
      });
      const companyId = (await api('POST', '/companies', { name: 'Settings Co' })).json.id as string;
      const hidden = new HttpLinkClient(doorway.url);
      const hiddenSession = (await hidden.open(`/link/company/${companyId}`)).sessionId;
      const hiddenState = (await hidden.api(hiddenSession, 'GET', '/state')).json;
      expect(hiddenState.showLandingPage).toBe(true);
      expect(hiddenState.text['main.title']).toBe('Share your books');
      expect(hiddenState.text['landing.subtitle']).toBeTruthy();
      expect(hiddenState.categories.flatMap((c: { integrations: { key: string }[] }) => c.integrations.map((i) => i.key))).not.toContain('mqjo');
      expect((await hidden.api(hiddenSession, 'POST', '/connections', { platformKey: 'mqjo' })).status).toBe(400);

      const shown = new HttpLinkClient(doorway.url);
      const shownSession = (await shown.open(`/link/company/${companyId}?link.showSandboxIntegrations=true`)).sessionId;
      const shownState = (await shown.api(shownSession, 'GET', '/state')).json;
      const accounting = shownState.categories.find((c: { key: string }) => c.key === 'accounting');
      expect(accounting.integrations.map((i: { key: string }) => i.key)).toContain('mqjo');
      expect(accounting.optional).toBe(false);
      await api('PUT', '/settings/link', {});
    });
  });
});
