/**
 * LinkSettingsRepository: a client's Hosted Link customisation, saved whole and read back as
 * stored, one row per client.
 */
import { expect, it } from 'vitest';
import { DEFAULT_LINK_SETTINGS, type LinkSettings } from '../../../src/domain/link/link-settings.js';
import { at } from './fixtures.js';
import { describeContract } from './harness.js';

const customised = (): LinkSettings => ({
  ...structuredClone(DEFAULT_LINK_SETTINGS),
  showLandingPage: true,
  categories: {
    accounting: { enabled: true, optional: false, allowedIntegrations: ['xero', 'qbo'] },
    banking: { enabled: false, optional: true, allowedIntegrations: [] },
    commerce: { enabled: true, optional: true, allowedIntegrations: null },
  },
  branding: { logoUrl: 'https://cdn.example/logo.png', iconUrl: null, primaryColor: '#112233', secondaryColor: '#445566' },
  text: { 'landing.title': 'Connect your books — ✓' },
});

describeContract('link settings', (t) => {
  it('finds nothing for a client that never saved settings', async () => {
    const client = await t.seedClient();
    expect(await t.store.linkSettings.find(client.id)).toBeUndefined();
  });

  it('saves and finds the settings as stored, then overwrites them on the next save', async () => {
    const client = await t.seedClient();
    const first = customised();
    await t.store.linkSettings.save(client.id, first, at(1));
    expect(await t.store.linkSettings.find(client.id)).toEqual(first);

    const second: LinkSettings = { ...first, showLandingPage: false, text: {} };
    await t.store.linkSettings.save(client.id, second, at(2));
    expect(await t.store.linkSettings.find(client.id)).toEqual(second);
    const rows = await t.database.db.selectFrom('link_settings').select(['modified']).where('client_id', '=', client.id).execute();
    expect(rows).toEqual([{ modified: at(2) }]);
  });

  it("keeps each client's settings apart", async () => {
    const client = await t.seedClient();
    const other = await t.seedClient();
    await t.store.linkSettings.save(client.id, customised(), at(1));
    await t.store.linkSettings.save(other.id, DEFAULT_LINK_SETTINGS, at(1));
    expect(await t.store.linkSettings.find(other.id)).toEqual(DEFAULT_LINK_SETTINGS);
    expect((await t.store.linkSettings.find(client.id))?.showLandingPage).toBe(true);
  });
});
