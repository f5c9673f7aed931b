/**
 * IntegrationSettingsRepository: upsert per (client, platform), lists and finds per client.
 */
import { expect, it } from 'vitest';
import { at, buildIntegrationSettings } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('integration settings', (t) => {
  it('upsert inserts, then updates the same (client, platform) key', async () => {
    const client = await t.seedClient();
    const inserted = buildIntegrationSettings(client.id, { platformKey: 'xero', enabled: false, modified: at(1) });
    await t.store.integrationSettings.upsert(inserted);
    expect(await t.store.integrationSettings.find(client.id, 'xero')).toEqual(inserted);

    const updated = buildIntegrationSettings(client.id, {
      platformKey: 'xero',
      enabled: true,
      oauthClientId: 'app-id',
      oauthClientSecretSealed: 'sealed-app-secret',
      scopes: ['accounting.transactions.read', 'offline_access'],
      modified: at(2),
    });
    await t.store.integrationSettings.upsert(updated);
    expect(await t.store.integrationSettings.find(client.id, 'xero')).toEqual(updated);
    expect(await t.store.integrationSettings.list(client.id)).toEqual([updated]);

    // Back to defaults: nulls overwrite values.
    await t.store.integrationSettings.upsert(inserted);
    expect(await t.store.integrationSettings.find(client.id, 'xero')).toEqual(inserted);
  });

  it('lists and finds per client', async () => {
    const client = await t.seedClient();
    const other = await t.seedClient();
    const xero = buildIntegrationSettings(client.id, { platformKey: 'xero' });
    const plaid = buildIntegrationSettings(client.id, { platformKey: 'plaid', scopes: [] });
    const foreign = buildIntegrationSettings(other.id, { platformKey: 'xero', enabled: false, oauthClientId: 'theirs' });
    for (const settings of [xero, plaid, foreign]) await t.store.integrationSettings.upsert(settings);

    const byKey = (list: Array<{ platformKey: string }>) => [...list].sort((a, b) => a.platformKey.localeCompare(b.platformKey));
    expect(byKey(await t.store.integrationSettings.list(client.id))).toEqual([plaid, xero]);
    expect(await t.store.integrationSettings.list(other.id)).toEqual([foreign]);
    expect(await t.store.integrationSettings.find(client.id, 'xero')).toEqual(xero);
    expect(await t.store.integrationSettings.find(other.id, 'xero')).toEqual(foreign);
    expect(await t.store.integrationSettings.find(other.id, 'plaid')).toBeUndefined();
    expect(await t.store.integrationSettings.list((await t.seedClient()).id)).toEqual([]);
  });
});
