import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Company } from '../../../domain/company.js';
import { CONNECTION_STATUSES } from '../../../domain/connection.js';
import { SOURCE_TYPES } from '../../../domain/source-type.js';
import type { CompanyListOptions, CompanyRepository, Page } from '../../ports.js';
import type { Dialect } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { compileQuery, orderColumn, type FieldResolver, type FieldTarget } from '../query-to-sql.js';
import { precompiled } from '../precompiled.js';
import type { CompanyRow, Tables } from '../tables.js';

const COMPANY_FIELDS: Record<string, FieldTarget> = {
  id: { kind: 'column', column: 'companies.id', type: 'string' },
  name: { kind: 'column', column: 'companies.name', type: 'string' },
  description: { kind: 'column', column: 'companies.description', type: 'nullable-string' },
  created: { kind: 'column', column: 'companies.created', type: 'date' },
  lastSync: { kind: 'column', column: 'companies.last_sync', type: 'date' },
  createdByUserName: { kind: 'column', column: 'companies.created_by_user_name', type: 'nullable-string' },
};

const connectionExists = (condition: RawBuilder<SqlBool>) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM connections dc WHERE dc.company_id = companies.id AND ${condition})`;

const CONNECTION_FIELDS: Record<string, FieldTarget> = {
  id: { kind: 'related', column: 'dc.id', type: 'string', exists: connectionExists },
  status: { kind: 'related', column: 'dc.status', type: { enum: CONNECTION_STATUSES }, exists: connectionExists },
  integrationKey: { kind: 'related', column: 'dc.integration_key', type: 'string', exists: connectionExists },
  platformKey: { kind: 'related', column: 'dc.integration_key', type: 'string', exists: connectionExists },
  sourceType: { kind: 'related', column: 'dc.source_type', type: { enum: SOURCE_TYPES }, exists: connectionExists },
  created: { kind: 'related', column: 'dc.created', type: 'date', exists: connectionExists },
  lastSync: { kind: 'related', column: 'dc.last_sync', type: 'date', exists: connectionExists },
};

/** `tags.<key>` in `query`, or `<key>` in the `tags` filter: one indexed row per tag. */
function tagField(key: string): FieldTarget {
  return {
    kind: 'related',
    column: 'ct.tag_value',
    type: 'string',
    exists: (condition) =>
      sql<SqlBool>`EXISTS (SELECT 1 FROM company_tags ct WHERE ct.company_id = companies.id AND ct.tag_key = ${key} AND ${condition})`,
  };
}

const resolveCompanyField: FieldResolver = (path) => {
  if (path.startsWith('dataConnections.')) return CONNECTION_FIELDS[path.slice('dataConnections.'.length)];
  if (path.startsWith('tags.')) return tagField(path.slice('tags.'.length));
  return COMPANY_FIELDS[path];
};

const ORDERABLE: Record<string, string> = {
  id: 'id',
  name: 'name',
  created: 'created',
  modifiedDate: 'modified',
  lastSync: 'last_sync',
};

function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    description: row.description,
    tags: fromJson<Record<string, string>>(row.tags, {}),
    created: row.created,
    modified: row.modified,
    lastSync: row.last_sync,
    createdByUserName: row.created_by_user_name,
  };
}

export function createCompanyRepository(db: Kysely<Tables>, dialect: Dialect): CompanyRepository {
  const byId = precompiled(db, (q) => q.selectFrom('companies').selectAll().where('id', '=', '').where('client_id', '=', ''));
  async function writeTags(company: Company, isNew = false): Promise<void> {
    if (!isNew) await db.deleteFrom('company_tags').where('company_id', '=', company.id).where('client_id', '=', company.clientId).execute();
    const entries = Object.entries(company.tags);
    if (entries.length === 0) return;
    await db
      .insertInto('company_tags')
      .values(entries.map(([key, value]) => ({ company_id: company.id, client_id: company.clientId, tag_key: key, tag_value: value })))
      .execute();
  }

  return {
    async insert(company) {
      await db
        .insertInto('companies')
        .values({
          id: company.id,
          client_id: company.clientId,
          name: company.name,
          description: company.description,
          tags: toJson(company.tags),
          created: company.created,
          modified: company.modified,
          last_sync: company.lastSync,
          created_by_user_name: company.createdByUserName,
        })
        .execute();
      if (Object.keys(company.tags).length > 0) await writeTags(company, true);
    },

    async findById(clientId, id) {
      const [row] = await byId(id, clientId);
      return row && toCompany(row);
    },

    async findForLink(id) {
      const row = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCompany(row);
    },

    async update(company) {
      const result = await db
        .updateTable('companies')
        .set({ name: company.name, description: company.description, tags: toJson(company.tags), modified: company.modified, last_sync: company.lastSync })
        .where('id', '=', company.id)
        .where('client_id', '=', company.clientId)
        .executeTakeFirst();
      // Tags are rewritten only for a row this client really owns.
      if (Number(result.numUpdatedRows) > 0) await writeTags(company);
    },

    async delete(clientId, id) {
      // Children first: this must not depend on SQLite's foreign_keys pragma being on.
      await db.deleteFrom('connections').where('company_id', '=', id).where('client_id', '=', clientId).execute();
      await db.deleteFrom('company_tags').where('company_id', '=', id).where('client_id', '=', clientId).execute();
      const result = await db.deleteFrom('companies').where('id', '=', id).where('client_id', '=', clientId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async list(clientId, options: CompanyListOptions): Promise<Page<Company>> {
      let base = db.selectFrom('companies').where('companies.client_id', '=', clientId);
      if (options.filter) base = base.where(compileQuery(options.filter, resolveCompanyField, dialect, 'Company'));
      if (options.tagsFilter) base = base.where(compileQuery(options.tagsFilter, tagField, dialect, 'Company tags'));
      const order = options.orderBy;
      const column = order ? orderColumn(order.field, ORDERABLE, 'companies') : 'created';
      const direction = order?.descending ? 'desc' : 'asc';
      const [rows, count] = await Promise.all([
        base
          .selectAll('companies')
          .orderBy(sql.ref(`companies.${column}`), direction)
          .orderBy('companies.id', direction)
          .limit(options.limit)
          .offset(options.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toCompany), total: Number(count.total) };
    },
  };
}
