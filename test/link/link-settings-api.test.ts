/** `GET/PUT /settings/link` (Doorway extension) and its effect on what the Link flow offers. */
import { describe, expect, it } from 'vitest';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('Link settings API on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });
  const api = doorway.api;

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

      const narrowed = new HttpLinkClient(doorway.url);
      await api('PUT', '/settings/link', { showSandboxIntegrations: true });
      const narrowedSession = (await narrowed.open(`/link/company/${companyId}?link.showSandboxIntegrations=false`)).sessionId;
      const narrowedState = (await narrowed.api(narrowedSession, 'GET', '/state')).json;
      const accounting = narrowedState.categories.find((c: { key: string }) => c.key === 'accounting');
      expect(accounting.integrations.map((i: { key: string }) => i.key)).not.toContain('mqjo');
      expect(accounting.optional).toBe(false);
      expect((await narrowed.api(narrowedSession, 'POST', '/connections', { platformKey: 'mqjo' })).status).toBe(400);

      const shown = new HttpLinkClient(doorway.url);
      const shownSession = (await shown.open(`/link/company/${companyId}`)).sessionId;
      const shownState = (await shown.api(shownSession, 'GET', '/state')).json;
      expect(shownState.categories.flatMap((c: { integrations: { key: string }[] }) => c.integrations.map((i) => i.key))).toEqual(
        expect.arrayContaining(['mqjo', 'bnks']),
      );
      await api('PUT', '/settings/link', {});
    });

    it('never lets the Link URL bring back the Sandbox platforms the client hid: not listed, chosen, consented to or authorized', async () => {
      const companyId = (await api('POST', '/companies', { name: 'Live Lender Customer' })).json.id as string;
      // Made while Sandbox platforms were shown (or through the API): still pending when they are hidden.
      const earlier = new HttpLinkClient(doorway.url);
      const earlierSession = (await earlier.open(`/link/company/${companyId}`)).sessionId;
      await authorizeThroughSandbox(earlier, earlierSession, 'authorize', 'mqjo');
      expect((await earlier.api(earlierSession, 'GET', '/state')).json.canComplete).toBe(true);
      const pending = (await earlier.api(earlierSession, 'POST', '/connections', { platformKey: 'bnks' })).json.connection.id as string;
      const viaApi = (await api('POST', `/companies/${companyId}/connections`, { platformKey: 'bnks' })).json.id as string;
      expect((await api('PUT', '/settings/link', { showSandboxIntegrations: false })).status).toBe(200);

      const smb = new HttpLinkClient(doorway.url);
      const { sessionId } = await smb.open(`/link/company/${companyId}?link.showSandboxIntegrations=true`);
      const state = (await smb.api(sessionId, 'GET', '/state')).json;
      const offered = state.categories.flatMap((c: { integrations: { key: string; isSandbox: boolean }[] }) => c.integrations);
      expect(state.categories.map((c: { key: string }) => c.key)).toContain('accounting');
      expect(offered.filter((i: { isSandbox: boolean }) => i.isSandbox)).toEqual([]);
      expect(state.canComplete).toBe(false); // the Linked Sandbox books no longer satisfy the required category

      for (const platformKey of ['mqjo', 'bnks']) {
        expect((await smb.api(sessionId, 'POST', '/connections', { platformKey })).status).toBe(400);
      }
      for (const connectionId of [pending, viaApi]) {
        expect((await smb.api(sessionId, 'POST', `/connections/${connectionId}/consent`)).status).toBe(400);
        expect((await smb.api(sessionId, 'POST', `/connections/${connectionId}/reconnect`)).status).toBe(400);
        const authorize = await smb.request('GET', `/link/s/${sessionId}/connections/${connectionId}/authorize`);
        expect(authorize.status).toBe(400);
        expect(authorize.location).toBeNull();
        const start = await smb.request('GET', `/link/companies/${companyId}/connections/${connectionId}/start?link.showSandboxIntegrations=true`);
        expect(start.status).toBe(400);
        expect(start.location).toBeNull();
      }
      expect((await smb.api(sessionId, 'POST', '/complete')).status).toBe(409);
      const oauthStates = await doorway.runtime.database.db.selectFrom('oauth_states').select('id').where('session_id', '=', sessionId).execute();
      expect(oauthStates).toEqual([]);
      await api('PUT', '/settings/link', {});
    });
  });
});
