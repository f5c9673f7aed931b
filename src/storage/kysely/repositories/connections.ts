import { sql, type Kysely } from 'kysely';
import { CONNECTION_STATUSES, type Connection, type ConnectionStatus, type DataConnectionError } from '../../../domain/connection.js';
import { SOURCE_TYPES, type SourceType } from '../../../domain/source-type.js';
import type { ConnectionRepository, ListOptions, Page } from '../../ports.js';
import type { Dialect } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { compileQuery, orderColumn, type FieldResolver, type FieldTarget } from '../query-to-sql.js';
import { pageWithTotal } from '../page-query.js';
import { compilerFor, precompiledInsert, type CompiledQueryCache } from '../precompiled.js';
import type { ConnectionRow, Tables } from '../tables.js';

const CONNECTION_FIELDS: Record<string, FieldTarget> = {
  id: { kind: 'column', column: 'connections.id', type: 'string' },
  status: { kind: 'column', column: 'connections.status', type: { enum: CONNECTION_STATUSES } },
  integrationKey: { kind: 'column', column: 'connections.integration_key', type: 'string' },
  platformKey: { kind: 'column', column: 'connections.integration_key', type: 'string' },
  sourceType: { kind: 'column', column: 'connections.source_type', type: { enum: SOURCE_TYPES } },
  created: { kind: 'column', column: 'connections.created', type: 'date' },
  lastSync: { kind: 'column', column: 'connections.last_sync', type: 'date' },
};

const resolveConnectionField: FieldResolver = (path) => CONNECTION_FIELDS[path];

const ORDERABLE: Record<string, string> = {
  id: 'id',
  created: 'created',
  status: 'status',
  integrationKey: 'integration_key',
  sourceType: 'source_type',
  lastSync: 'last_sync',
};

/** Every column but the sealed credentials, which only `readCredentials` may read. */
export const CONNECTION_COLUMNS = [
  'id',
  'client_id',
  'company_id',
  'integration_key',
  'source_type',
  'status',
  'created',
  'modified',
  'last_sync',
  'linked_at',
  'connection_info',
  'data_connection_errors',
] as const;

export function toConnection(row: Omit<ConnectionRow, 'credentials_sealed'>): Connection {
  return {
    id: row.id,
    clientId: row.client_id,
    companyId: row.company_id,
    integrationKey: row.integration_key,
    sourceType: row.source_type as SourceType,
    status: row.status as ConnectionStatus,
    created: row.created,
    modified: row.modified,
    lastSync: row.last_sync,
    linkedAt: row.linked_at,
    connectionInfo: fromJson<Record<string, unknown> | null>(row.connection_info, null),
    dataConnectionErrors: fromJson<DataConnectionError[]>(row.data_connection_errors, []),
  };
}

export function createConnectionRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): ConnectionRepository {
  // The Hosted Link flow reads and writes connections on almost every step: compiled once.
  const compile = compilerFor(db, 'connections', compiled);
  const ofOneCompany = compile.query('ofOneCompany', (q) =>
    q.selectFrom('connections').select(CONNECTION_COLUMNS).where('company_id', '=', '').where('client_id', '=', '').orderBy('created').orderBy('id'),
  );
  const byId = compile.query('byId', (q) =>
    q.selectFrom('connections').select(CONNECTION_COLUMNS).where('id', '=', '').where('company_id', '=', '').where('client_id', '=', ''),
  );
  const byIdWithCredentials = compile.query('byIdWithCredentials', (q) =>
    q.selectFrom('connections').select([...CONNECTION_COLUMNS, 'credentials_sealed']).where('id', '=', '').where('company_id', '=', '').where('client_id', '=', ''),
  );
  const insertConnections = precompiledInsert<Tables, ConnectionRow>(db, 'connections', [...CONNECTION_COLUMNS, 'credentials_sealed'], compiled);
  const updateStatus = compile.named(
    'update',
    ['id', 'clientId', 'status', 'modified', 'lastSync', 'linkedAt', 'connectionInfo', 'dataConnectionErrors'],
    (q, p) =>
      q
        .updateTable('connections')
        .set({
          status: p.status,
          modified: p.modified,
          last_sync: p.lastSync,
          linked_at: p.linkedAt,
          connection_info: p.connectionInfo,
          data_connection_errors: p.dataConnectionErrors,
        })
        .where('id', '=', p.id)
        .where('client_id', '=', p.clientId),
  );
  const credentialsOf = compile.query('readCredentials', (q) => q.selectFrom('connections').select('credentials_sealed').where('id', '=', '').where('client_id', '=', ''));
  const writeCredentials = compile.named('saveCredentials', ['id', 'clientId', 'sealed'], (q, p) =>
    q.updateTable('connections').set({ credentials_sealed: p.sealed }).where('id', '=', p.id).where('client_id', '=', p.clientId),
  );
  const replaceSealed = compile.named('replaceCredentials', ['id', 'clientId', 'expected', 'sealed'], (q, p) =>
    q
      .updateTable('connections')
      .set({ credentials_sealed: p.sealed })
      .where('id', '=', p.id)
      .where('client_id', '=', p.clientId)
      .where('status', '=', 'Linked')
      .where('credentials_sealed', '=', p.expected),
  );
  const linkedAccounting = (except: boolean) =>
    compile.named(`linkedAccounting${except ? 'Except' : ''}`, ['companyId', 'clientId', 'exceptId'], (q, p) => {
      const query = q
        .selectFrom('connections')
        .select('id')
        .where('company_id', '=', p.companyId)
        .where('client_id', '=', p.clientId)
        .where('source_type', '=', 'Accounting')
        .where('status', '=', 'Linked');
      return except ? query.where('id', '<>', p.exceptId) : query;
    });
  const linkedAccountingAny = linkedAccounting(false);
  const linkedAccountingExcept = linkedAccounting(true);
  return {
    async insert(connection) {
      await insertConnections([
        {
          id: connection.id,
          client_id: connection.clientId,
          company_id: connection.companyId,
          integration_key: connection.integrationKey,
          source_type: connection.sourceType,
          status: connection.status,
          created: connection.created,
          modified: connection.modified,
          last_sync: connection.lastSync,
          linked_at: connection.linkedAt,
          connection_info: connection.connectionInfo === null ? null : toJson(connection.connectionInfo),
          data_connection_errors: toJson(connection.dataConnectionErrors),
          credentials_sealed: null,
        },
      ]);
    },

    async findById(clientId, companyId, id) {
      const [row] = await byId(id, companyId, clientId);
      return row && toConnection(row);
    },

    async findWithCredentials(clientId, companyId, id) {
      const [row] = await byIdWithCredentials(id, companyId, clientId);
      return row && { connection: toConnection(row), sealed: row.credentials_sealed };
    },

    async listForCompanies(clientId, companyIds) {
      if (companyIds.length === 0) return [];
      if (companyIds.length === 1) return (await ofOneCompany(companyIds[0], clientId)).map(toConnection);
      const rows = await db
        .selectFrom('connections')
        .select(CONNECTION_COLUMNS)
        .where('company_id', 'in', companyIds)
        .where('client_id', '=', clientId)
        .orderBy('created')
        .orderBy('id')
        .execute();
      return rows.map(toConnection);
    },

    async list(clientId, companyId, options: ListOptions): Promise<Page<Connection>> {
      let base = db.selectFrom('connections').where('connections.company_id', '=', companyId).where('connections.client_id', '=', clientId);
      if (options.filter) base = base.where(compileQuery(options.filter, resolveConnectionField, dialect, 'Connection'));
      const column = options.orderBy ? orderColumn(options.orderBy.field, ORDERABLE, 'connections') : 'created';
      const direction = options.orderBy?.descending ? 'desc' : 'asc';
      const { rows, total } = await pageWithTotal(
        options,
        (window) =>
          base
            .select(CONNECTION_COLUMNS.map((c) => `connections.${c}` as const))
            .orderBy(sql.ref(`connections.${column}`), direction)
            .orderBy('connections.id', direction)
            .limit(window.limit)
            .offset(window.offset)
            .execute(),
        async () => (await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total,
      );
      return { items: rows.map(toConnection), total };
    },

    async update(connection) {
      await updateStatus({
        id: connection.id,
        clientId: connection.clientId,
        status: connection.status,
        modified: connection.modified,
        lastSync: connection.lastSync,
        linkedAt: connection.linkedAt,
        connectionInfo: connection.connectionInfo === null ? null : toJson(connection.connectionInfo),
        dataConnectionErrors: toJson(connection.dataConnectionErrors),
      });
    },

    async saveCredentials(clientId, id, sealed) {
      await writeCredentials({ id, clientId, sealed });
    },

    async replaceCredentials(clientId, id, expectedSealed, sealed) {
      const { changed } = await replaceSealed({ id, clientId, expected: expectedSealed, sealed });
      return changed > 0;
    },

    async eraseCredentials(clientId, id) {
      await db.updateTable('connections').set({ credentials_sealed: null }).where('id', '=', id).where('client_id', '=', clientId).execute();
    },

    async readCredentials(clientId, id) {
      const [row] = await credentialsOf(id, clientId);
      return row?.credentials_sealed ?? null;
    },

    async delete(clientId, companyId, id) {
      const result = await db
        .deleteFrom('connections')
        .where('id', '=', id)
        .where('company_id', '=', companyId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async hasLinkedAccounting(clientId, companyId, exceptId) {
      const { rows } = await (exceptId ? linkedAccountingExcept : linkedAccountingAny)({ companyId, clientId, exceptId });
      return rows.length > 0;
    },

    async pageAcrossClients(afterId, limit) {
      let query = db
        .selectFrom('connections')
        .innerJoin('companies', 'companies.id', 'connections.company_id')
        .select([...CONNECTION_COLUMNS.map((c) => `connections.${c}` as const), 'connections.credentials_sealed', 'companies.name as company_name'])
        .orderBy('connections.id')
        .limit(limit);
      if (afterId !== null) query = query.where('connections.id', '>', afterId);
      const rows = await query.execute();
      return rows.map((row) => ({ connection: toConnection(row), companyName: row.company_name, credentialsSealed: row.credentials_sealed }));
    },
  };
}
