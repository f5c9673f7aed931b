import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Company } from '../../../domain/company.js';
import { companySearchText } from '../../../domain/company-search.js';
import { CONNECTION_STATUSES, type ConnectionStatus } from '../../../domain/connection.js';
import { SOURCE_TYPES } from '../../../domain/source-type.js';
import type { CompanyListOptions, CompanyRepository, Page } from '../../ports.js';
import type { Dialect } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { compileQuery, orderColumn, type FieldResolver, type FieldTarget } from '../query-to-sql.js';
import { deleteOwned } from '../owned-rows.js';
import { pageWithTotal } from '../page-query.js';
import { precompiled, precompiledInsert, type CompiledQueryCache } from '../precompiled.js';
import { CONNECTION_COLUMNS, toConnection } from './connections.js';
import type { CompanyRow, CompanyTagsTable, ConnectionRow, Tables } from '../tables.js';

const COMPANY_FIELDS: Record<string, FieldTarget> = {
  id: { kind: 'column', column: 'companies.id', type: 'string' },
  name: { kind: 'column', column: 'companies.name', type: 'string' },
  description: { kind: 'column', column: 'companies.description', type: 'nullable-string' },
  created: { kind: 'column', column: 'companies.created', type: 'date' },
  lastSync: { kind: 'column', column: 'companies.last_sync', type: 'date' },
  createdByUserName: { kind: 'column', column: 'companies.created_by_user_name', type: 'nullable-string' },
};

/**
 * Conditions on a company's connections or tags are written `companies.id IN (subquery)`, not as
 * a correlated EXISTS: the subquery starts from the client's own index on connections or tags,
 * so `tags=uid=M-123` or `dataConnections.status=PendingAuth` seeks the few matching rows
 * instead of probing every company of the client (what SQLite did with EXISTS).
 */
function connectionFields(clientId: string): Record<string, FieldTarget> {
  const anyConnection = (condition: RawBuilder<SqlBool>) =>
    sql<SqlBool>`companies.id IN (SELECT dc.company_id FROM connections dc WHERE dc.client_id = ${clientId} AND ${condition})`;
  const related = (column: string, type: FieldTarget['type']): FieldTarget => ({ kind: 'related', column, type, exists: anyConnection });
  return {
    id: related('dc.id', 'string'),
    status: related('dc.status', { enum: CONNECTION_STATUSES }),
    integrationKey: related('dc.integration_key', 'string'),
    platformKey: related('dc.integration_key', 'string'),
    sourceType: related('dc.source_type', { enum: SOURCE_TYPES }),
    created: related('dc.created', 'date'),
    lastSync: related('dc.last_sync', 'date'),
  };
}

/** `tags.<key>` in `query`, or `<key>` in the `tags` filter: one indexed row per tag. */
function tagField(clientId: string, key: string): FieldTarget {
  return {
    kind: 'related',
    column: 'ct.tag_value',
    type: 'string',
    exists: (condition) =>
      sql<SqlBool>`companies.id IN (SELECT ct.company_id FROM company_tags ct WHERE ct.client_id = ${clientId} AND ct.tag_key = ${key} AND ${condition})`,
  };
}

function companyFieldResolver(clientId: string): FieldResolver {
  const connections = connectionFields(clientId);
  return (path) => {
    if (path.startsWith('dataConnections.')) return connections[path.slice('dataConnections.'.length)];
    if (path.startsWith('tags.')) return tagField(clientId, path.slice('tags.'.length));
    return COMPANY_FIELDS[path];
  };
}

const COMPANY_COLUMNS = ['id', 'client_id', 'name', 'description', 'tags', 'created', 'modified', 'last_sync', 'created_by_user_name', 'search_text'] as const;

const ORDERABLE: Record<string, string> = {
  id: 'id',
  name: 'name',
  created: 'created',
  modifiedDate: 'modified',
  lastSync: 'last_sync',
};

/** What a list returns: every column but the search text, which only the WHERE reads. */
const LISTED_COLUMNS = COMPANY_COLUMNS.filter((c) => c !== 'search_text').map((c) => `companies.${c}` as const);

/** Columns that may be NULL: both databases put NULL first ascending (PostgreSQL is told so). */
const NULLABLE_ORDER = new Set(['last_sync']);

/**
 * The order by `column`, ties broken by creation then id: exactly the (client_id, column, created,
 * id) indexes (name: 0003, lastSync: 0013), so a page is an index walk in either direction, never
 * a sort of every company. Ids are time-ordered, so (created, id) is the order (id) gave before.
 */
function orderTerms(column: string, descending: boolean, dialect: Dialect): RawBuilder<unknown>[] {
  const direction = sql.raw(descending ? 'DESC' : 'ASC');
  const nulls = dialect === 'postgres' && NULLABLE_ORDER.has(column) ? sql.raw(descending ? ' NULLS LAST' : ' NULLS FIRST') : sql``;
  const columns = column === 'id' ? ['id'] : column === 'created' ? ['created', 'id'] : [column, 'created', 'id'];
  return columns.map((name, i) => sql`${sql.ref(`companies.${name}`)} ${direction}${i === 0 ? nulls : sql``}`);
}

/** Companies with a connection in `status`, or with none: from the client's (client_id, status, company_id) index. */
function connectionStatusCondition(clientId: string, status: ConnectionStatus | 'none'): RawBuilder<SqlBool> {
  if (status === 'none') return sql<SqlBool>`companies.id NOT IN (SELECT dc.company_id FROM connections dc WHERE dc.client_id = ${clientId})`;
  return sql<SqlBool>`companies.id IN (SELECT dc.company_id FROM connections dc WHERE dc.client_id = ${clientId} AND dc.status = ${status})`;
}

/** The folded term inside the folded name-and-tags column (domain/company-search.ts). */
function searchCondition(term: string, dialect: Dialect): RawBuilder<SqlBool> {
  return dialect === 'postgres' ? sql<SqlBool>`strpos(companies.search_text, ${term}) > 0` : sql<SqlBool>`instr(companies.search_text, ${term}) > 0`;
}

function toCompany(row: Omit<CompanyRow, 'search_text'>): Company {
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

export function createCompanyRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): CompanyRepository {
  const shared = (key: string) => compiled && { cache: compiled, key: `companies.${key}` };
  const byId = precompiled(db, (q) => q.selectFrom('companies').selectAll().where('id', '=', '').where('client_id', '=', ''), shared('byId'));
  // A Link URL names only the company: the Link pages find it by id alone.
  const byIdForLink = precompiled(db, (q) => q.selectFrom('companies').selectAll().where('id', '=', ''), shared('byIdForLink'));
  const insertCompanies = precompiledInsert<Tables, CompanyRow>(db, 'companies', COMPANY_COLUMNS, compiled);
  const insertTags = precompiledInsert<Tables, CompanyTagsTable>(db, 'company_tags', ['company_id', 'client_id', 'tag_key', 'tag_value'], compiled);
  // One row per connection (or one with NULL connection columns): a single indexed read instead
  // of two, which is one round trip instead of two on PostgreSQL.
  const withConnections = precompiled(db, (q) =>
    q
      .selectFrom('companies')
      .leftJoin('connections', (join) => join.onRef('connections.company_id', '=', 'companies.id').onRef('connections.client_id', '=', 'companies.client_id'))
      .selectAll('companies')
      .select(CONNECTION_COLUMNS.map((column) => `connections.${column} as connection_${column}` as const))
      .where('companies.id', '=', '')
      .where('companies.client_id', '=', '')
      .orderBy('connections.created')
      .orderBy('connections.id'),
    shared('withConnections'),
  );
  async function writeTags(company: Company, isNew = false): Promise<void> {
    if (!isNew) await db.deleteFrom('company_tags').where('company_id', '=', company.id).where('client_id', '=', company.clientId).execute();
    const entries = Object.entries(company.tags);
    if (entries.length === 0) return;
    await insertTags(entries.map(([key, value]) => ({ company_id: company.id, client_id: company.clientId, tag_key: key, tag_value: value })));
  }

  return {
    async insert(company) {
      await insertCompanies([
        {
          id: company.id,
          client_id: company.clientId,
          name: company.name,
          description: company.description,
          tags: toJson(company.tags),
          created: company.created,
          modified: company.modified,
          last_sync: company.lastSync,
          created_by_user_name: company.createdByUserName,
          search_text: companySearchText(company),
        },
      ]);
      if (Object.keys(company.tags).length > 0) await writeTags(company, true);
    },

    async findById(clientId, id) {
      const [row] = await byId(id, clientId);
      return row && toCompany(row);
    },

    async findWithConnections(clientId, id) {
      const rows = await withConnections(id, clientId);
      const first = rows[0];
      if (!first) return undefined;
      const connections = rows.filter((row) => row.connection_id !== null).map((row) => toConnection(connectionPart(row)));
      return { company: toCompany(first), connections };
    },

    async findForLink(id) {
      const [row] = await byIdForLink(id);
      return row && toCompany(row);
    },

    async update(company) {
      const result = await db
        .updateTable('companies')
        .set({
          name: company.name,
          description: company.description,
          tags: toJson(company.tags),
          modified: company.modified,
          last_sync: company.lastSync,
          search_text: companySearchText(company),
        })
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
      return deleteOwned(db, 'companies', clientId, id);
    },

    async list(clientId, options: CompanyListOptions): Promise<Page<Company>> {
      let base = db.selectFrom('companies').where('companies.client_id', '=', clientId);
      if (options.filter) base = base.where(compileQuery(options.filter, companyFieldResolver(clientId), dialect, 'Company'));
      if (options.tagsFilter) base = base.where(compileQuery(options.tagsFilter, (key) => tagField(clientId, key), dialect, 'Company tags'));
      if (options.connectionStatus) base = base.where(connectionStatusCondition(clientId, options.connectionStatus));
      if (options.search) base = base.where(searchCondition(options.search, dialect));
      const order = options.orderBy;
      const column = order ? orderColumn(order.field, ORDERABLE, 'companies') : 'created';
      const { rows, total } = await pageWithTotal(
        options,
        (window) =>
          orderTerms(column, order?.descending ?? false, dialect)
            .reduce((query, term) => query.orderBy(term), base.select(LISTED_COLUMNS))
            .limit(window.limit)
            .offset(window.offset)
            .execute(),
        async () => (await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total,
      );
      return { items: rows.map(toCompany), total };
    },
  };
}

type PrefixedConnection = { [K in (typeof CONNECTION_COLUMNS)[number] as `connection_${K}`]: ConnectionRow[K] | null };

/** The connection half of a companies ⟕ connections row, for rows where the join found one. */
function connectionPart(row: PrefixedConnection): Omit<ConnectionRow, 'credentials_sealed'> {
  const part: Record<string, unknown> = {};
  for (const column of CONNECTION_COLUMNS) part[column] = row[`connection_${column}`];
  return part as Omit<ConnectionRow, 'credentials_sealed'>;
}
