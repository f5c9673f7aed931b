import type { Kysely } from 'kysely';
import type { Client } from '../../../domain/client.js';
import type { ClientRepository } from '../../ports.js';
import { fromJson, toJson } from '../json.js';
import { precompiled } from '../precompiled.js';
import type { ClientRow, Tables } from '../tables.js';

function toClient(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    logoUrl: row.logo_url,
    iconUrl: row.icon_url,
    redirectUrl: row.redirect_url,
    whiteListUrls: fromJson<string[]>(row.white_list_urls, []),
    corsAllowedOrigins: fromJson<string[]>(row.cors_allowed_origins, []),
    created: row.created,
    modified: row.modified,
  };
}

function toRow(client: Client): ClientRow {
  return {
    id: client.id,
    name: client.name,
    slug: client.slug,
    logo_url: client.logoUrl,
    icon_url: client.iconUrl,
    redirect_url: client.redirectUrl,
    white_list_urls: toJson(client.whiteListUrls),
    cors_allowed_origins: toJson(client.corsAllowedOrigins),
    created: client.created,
    modified: client.modified,
  };
}

export function createClientRepository(db: Kysely<Tables>): ClientRepository {
  const byId = precompiled(db, (q) => q.selectFrom('clients').selectAll().where('id', '=', ''));
  return {
    async insert(client) {
      await db.insertInto('clients').values(toRow(client)).execute();
    },
    async findById(id) {
      const [row] = await byId(id);
      return row && toClient(row);
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('clients').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toClient(row);
    },
    async count() {
      const row = await db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(client) {
      const { id, created: _created, ...rest } = toRow(client);
      await db.updateTable('clients').set(rest).where('id', '=', id).execute();
    },
  };
}
