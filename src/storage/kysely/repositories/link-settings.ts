import type { Kysely } from 'kysely';
import type { LinkSettings } from '../../../domain/link/link-settings.js';
import type { LinkSettingsRepository } from '../../ports.js';
import { fromJson, toJson } from '../json.js';
import { compilerFor, type CompiledQueryCache } from '../precompiled.js';
import type { Tables } from '../tables.js';

export function createLinkSettingsRepository(db: Kysely<Tables>, compiled?: CompiledQueryCache): LinkSettingsRepository {
  // Read by every Link page and completion: compiled once.
  const ofClient = compilerFor(db, 'link_settings', compiled).query('ofClient', (q) => q.selectFrom('link_settings').select('settings').where('client_id', '=', ''));
  return {
    async find(clientId) {
      const [row] = await ofClient(clientId);
      return row ? fromJson<Partial<LinkSettings>>(row.settings, {}) : undefined;
    },
    async save(clientId, settings, modified) {
      const values = { settings: toJson(settings), modified };
      await db
        .insertInto('link_settings')
        .values({ client_id: clientId, ...values })
        .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
        .execute();
    },
  };
}
