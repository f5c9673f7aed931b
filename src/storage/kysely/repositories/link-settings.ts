import type { Kysely } from 'kysely';
import type { LinkSettings } from '../../../domain/link/link-settings.js';
import type { LinkSettingsRepository } from '../../ports.js';
import { fromJson, toJson } from '../json.js';
import type { Tables } from '../tables.js';

export function createLinkSettingsRepository(db: Kysely<Tables>): LinkSettingsRepository {
  return {
    async find(clientId) {
      const row = await db.selectFrom('link_settings').select('settings').where('client_id', '=', clientId).executeTakeFirst();
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
