import type { Kysely, Selectable } from 'kysely';
import type { IntegrationSettings } from '../../../domain/integration-settings.js';
import type { IntegrationSettingsRepository } from '../../ports.js';
import { fromJson, toJson } from '../json.js';
import { compilerFor, type CompiledQueryCache } from '../precompiled.js';
import type { IntegrationSettingsTable, Tables } from '../tables.js';

function toSettings(row: Selectable<IntegrationSettingsTable>): IntegrationSettings {
  return {
    clientId: row.client_id,
    platformKey: row.platform_key,
    enabled: row.enabled === 1,
    oauthClientId: row.oauth_client_id,
    oauthClientSecretSealed: row.oauth_client_secret_sealed,
    scopes: fromJson<string[] | null>(row.scopes, null),
    modified: row.modified,
  };
}

export function createIntegrationSettingsRepository(db: Kysely<Tables>, compiled?: CompiledQueryCache): IntegrationSettingsRepository {
  // Every Link page lists the client's platforms and every connection checks one: compiled once.
  const compile = compilerFor(db, 'integration_settings', compiled);
  const ofClient = compile.query('ofClient', (q) => q.selectFrom('integration_settings').selectAll().where('client_id', '=', ''));
  const one = compile.query('one', (q) => q.selectFrom('integration_settings').selectAll().where('client_id', '=', '').where('platform_key', '=', ''));
  return {
    async list(clientId) {
      return (await ofClient(clientId)).map(toSettings);
    },
    async find(clientId, platformKey) {
      const [row] = await one(clientId, platformKey);
      return row && toSettings(row);
    },
    async upsert(settings) {
      const values = {
        enabled: settings.enabled ? 1 : 0,
        oauth_client_id: settings.oauthClientId,
        oauth_client_secret_sealed: settings.oauthClientSecretSealed,
        scopes: settings.scopes === null ? null : toJson(settings.scopes),
        modified: settings.modified,
      };
      await db
        .insertInto('integration_settings')
        .values({ client_id: settings.clientId, platform_key: settings.platformKey, ...values })
        .onConflict((oc) => oc.columns(['client_id', 'platform_key']).doUpdateSet(values))
        .execute();
    },
  };
}
