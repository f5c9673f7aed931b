/**
 * The Portal's Link preview (web/link/src/preview/) computes in the browser the state the real
 * Link API answers. Here both see the same client: the real GET /link/api/state of a company's
 * Link URL, and the preview's state from the settings GET /settings/link returns and the
 * platforms as the Portal will send them (toLinkPreviewIntegration). They must agree on
 * everything but the company, for the defaults and for a thoroughly customised client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLinkPreviewIntegration } from '../../src/http/link/link-view-models.js';
import { toIntegrationView } from '../../src/services/integrations/integration-view.js';
import { previewLinkState } from '../../web/link/src/preview/preview-state.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('the Link preview agrees with the real Link API on %s', (dialect) => {
  let doorway: RunningDoorway;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
  });
  afterAll(async () => doorway?.close());

  async function bothStates() {
    const company = (await doorway.api('POST', '/companies', { name: `Parity ${Math.random()}` })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const real = (await browser.api(sessionId, 'GET', '/state')).json;

    const { deps } = doorway.runtime;
    const client = (await deps.store.clients.findBySlug('default'))!;
    const stored = new Map((await deps.store.integrationSettings.list(client.id)).map((s) => [s.platformKey, s]));
    const wire = { publicUrl: deps.publicUrl, urls: deps.urls, providers: deps.providers };
    const integrations = deps.providers.all().map((provider) => toLinkPreviewIntegration(wire, toIntegrationView(provider, stored.get(provider.key))));
    const settings = (await doorway.api('GET', '/settings/link')).json;
    const preview = previewLinkState(
      { settings, integrations, clientName: client.name, clientLogoUrl: client.logoUrl, clientIconUrl: client.iconUrl, redirectConfigured: client.redirectUrl !== '' },
      [],
    );
    return { real, preview };
  }

  it('with the default settings', async () => {
    const { real, preview } = await bothStates();
    expect({ ...preview, company: real.company }).toEqual(real);
  });

  it('with every kind of setting changed', async () => {
    const saved = await doorway.api('PUT', '/settings/link', {
      showLandingPage: true,
      showSandboxIntegrations: true,
      categories: {
        accounting: { enabled: true, optional: true, allowedIntegrations: ['mqjo', 'ndsk'] },
        banking: { enabled: false, optional: true },
        commerce: { enabled: true, optional: false },
      },
      branding: { logoUrl: 'https://cdn.lender.example/logo.png', primaryColor: '#aa3300', secondaryColor: '#002211' },
      text: { 'landing.title': 'Welcome', 'accounting.consents.retention': '', 'exit.title': 'Sure?' },
    });
    expect(saved.status).toBe(200);
    expect((await doorway.api('PUT', '/integrations/xcwv/settings', { enabled: false })).status).toBe(200);
    expect((await doorway.api('PUT', '/profile', { name: 'Parity Lender', redirectUrl: 'https://lender.example/done' })).status).toBe(200);

    const { real, preview } = await bothStates();
    expect(real.categories.map((c: { key: string }) => c.key)).toEqual(['accounting', 'commerce']);
    expect({ ...preview, company: real.company }).toEqual(real);
  });

  it('hides Sandbox platforms alike', async () => {
    expect((await doorway.api('PUT', '/settings/link', { showSandboxIntegrations: false, categories: { commerce: { enabled: true } } })).status).toBe(200);
    const { real, preview } = await bothStates();
    expect({ ...preview, company: real.company }).toEqual(real);
  });
});
