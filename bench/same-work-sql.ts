import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config/load-config.js';

/**
 * The statements the same-work reference routes run: the very SQL Doorway's repositories send for
 * these operations (captured from a traced run), so they use the same indexes, but written by hand,
 * prepared once, and run straight on better-sqlite3 or `pg` with no query builder in between.
 */

export interface CompanyRow {
  id: string;
  client_id: string;
  name: string;
  description: string | null;
  tags: string;
  created: string;
  modified: string;
  last_sync: string | null;
  created_by_user_name: string | null;
}

export interface ConnectionRow {
  id: string;
  company_id: string;
  integration_key: string;
  source_type: string;
  status: string;
  created: string;
  last_sync: string | null;
  connection_info: string | null;
  data_connection_errors: string;
}

/** A company row with its connections' columns prefixed `connection_` (NULL when it has none). */
export type CompanyJoinRow = CompanyRow & { [K in keyof ConnectionRow as `connection_${K}`]: ConnectionRow[K] | null };

export interface NewCompany {
  company: CompanyRow;
  tags: Array<{ key: string; value: string }>;
  event: { id: string; eventType: string; body: string };
}

export interface SameWorkStatements {
  clientIdByKeyHash(keyHash: string): Promise<string | undefined>;
  companyWithConnections(clientId: string, id: string): Promise<CompanyJoinRow[]>;
  companiesByName(clientId: string, name: string): Promise<CompanyRow[]>;
  companiesByTag(clientId: string, key: string, value: string): Promise<CompanyRow[]>;
  connectionsOfCompany(clientId: string, companyId: string): Promise<ConnectionRow[]>;
  /** Company, tags and outbox event in one transaction, plus the consumers read the outbox fans out to. */
  insertCompany(input: NewCompany): Promise<void>;
  close(): Promise<void>;
}

const CONNECTION_COLUMNS = ['id', 'client_id', 'company_id', 'integration_key', 'source_type', 'status', 'created', 'modified', 'last_sync', 'linked_at', 'connection_info', 'data_connection_errors'];
const COMPANY_COLUMNS = ['id', 'client_id', 'name', 'description', 'tags', 'created', 'modified', 'last_sync', 'created_by_user_name'];

/** Doorway's SQL with `?` placeholders; PostgreSQL gets them numbered. */
const SQL = {
  clientIdByKeyHash: 'select "client_id" from "api_keys" where "key_hash" = ?',
  companyWithConnections:
    `select "companies".*, ${CONNECTION_COLUMNS.map((c) => `"connections"."${c}" as "connection_${c}"`).join(', ')} from "companies" ` +
    'left join "connections" on "connections"."company_id" = "companies"."id" and "connections"."client_id" = "companies"."client_id" ' +
    'where "companies"."id" = ? and "companies"."client_id" = ? order by "connections"."created", "connections"."id"',
  companiesByName:
    'select "companies".* from "companies" where "companies"."client_id" = ? and "companies"."name" = ? ' +
    'order by "companies"."created" asc, "companies"."id" asc limit 100 offset 0',
  companiesByTag:
    'select "companies".* from "companies" where "companies"."client_id" = ? and companies.id IN ' +
    '(SELECT ct.company_id FROM company_tags ct WHERE ct.client_id = ? AND ct.tag_key = ? AND "ct"."tag_value" = ?) ' +
    'order by "companies"."created" asc, "companies"."id" asc limit 100 offset 0',
  connectionsOfCompany: `select ${CONNECTION_COLUMNS.map((c) => `"${c}"`).join(', ')} from "connections" where "company_id" = ? and "client_id" = ? order by "created", "id"`,
  insertCompany: `insert into "companies" (${COMPANY_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${COMPANY_COLUMNS.map(() => '?').join(', ')})`,
  insertTag: 'insert into "company_tags" ("company_id", "client_id", "tag_key", "tag_value") values (?, ?, ?, ?)',
  insertEvent: 'insert into "webhook_events" ("id", "client_id", "event_type", "company_id", "body", "created") values (?, ?, ?, ?, ?, ?)',
  consumersOfClient: 'select * from "webhook_consumers" where "client_id" = ? order by "created", "id"',
} as const;

type StatementName = keyof typeof SQL;

const companyValues = (c: CompanyRow) => [c.id, c.client_id, c.name, c.description, c.tags, c.created, c.modified, c.last_sync, c.created_by_user_name];

export function openSameWorkStatements(config: DatabaseConfig): SameWorkStatements {
  return config.kind === 'sqlite' ? sqliteStatements(config.filename) : postgresStatements(config.connectionString, config.poolSize);
}

/** A second connection to Doorway's SQLite file, with Doorway's pragmas (the file is already WAL). */
function sqliteStatements(filename: string): SameWorkStatements {
  const db = new Database(filename);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Doorway's checkpointer thread checkpoints this WAL; the reference must not do it inside its commits.
  db.pragma('wal_autocheckpoint = 0');
  const prepared = Object.fromEntries(Object.entries(SQL).map(([name, text]) => [name, db.prepare(text)])) as Record<StatementName, Database.Statement>;
  const insert = db.transaction((input: NewCompany) => {
    const { company, tags, event } = input;
    prepared.insertCompany.run(companyValues(company));
    for (const tag of tags) prepared.insertTag.run(company.id, company.client_id, tag.key, tag.value);
    prepared.insertEvent.run(event.id, company.client_id, event.eventType, company.id, event.body, company.created);
    prepared.consumersOfClient.all(company.client_id);
  });
  return {
    clientIdByKeyHash: async (keyHash) => (prepared.clientIdByKeyHash.get(keyHash) as { client_id: string } | undefined)?.client_id,
    companyWithConnections: async (clientId, id) => prepared.companyWithConnections.all(id, clientId) as CompanyJoinRow[],
    companiesByName: async (clientId, name) => prepared.companiesByName.all(clientId, name) as CompanyRow[],
    companiesByTag: async (clientId, key, value) => prepared.companiesByTag.all(clientId, clientId, key, value) as CompanyRow[],
    connectionsOfCompany: async (clientId, companyId) => prepared.connectionsOfCompany.all(companyId, clientId) as ConnectionRow[],
    insertCompany: async (input) => insert(input),
    close: async () => {
      db.close();
    },
  };
}

/** Its own pool (Doorway's size) on Doorway's database; every statement a named prepared one, as Doorway's are. */
function postgresStatements(connectionString: string, poolSize: number): SameWorkStatements {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {});
  const numbered = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  const statements = Object.fromEntries(Object.entries(SQL).map(([name, text]) => [name, { name: `same_work_${name}`, text: numbered(text) }])) as Record<
    StatementName,
    { name: string; text: string }
  >;
  const rows = async <Row>(name: StatementName, values: unknown[], client: pg.Pool | pg.PoolClient = pool): Promise<Row[]> =>
    (await client.query({ ...statements[name], values })).rows as Row[];
  return {
    clientIdByKeyHash: async (keyHash) => (await rows<{ client_id: string }>('clientIdByKeyHash', [keyHash]))[0]?.client_id,
    companyWithConnections: (clientId, id) => rows('companyWithConnections', [id, clientId]),
    companiesByName: (clientId, name) => rows('companiesByName', [clientId, name]),
    companiesByTag: (clientId, key, value) => rows('companiesByTag', [clientId, clientId, key, value]),
    connectionsOfCompany: (clientId, companyId) => rows('connectionsOfCompany', [companyId, clientId]),
    insertCompany: async ({ company, tags, event }) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await rows('insertCompany', companyValues(company), client);
        for (const tag of tags) await rows('insertTag', [company.id, company.client_id, tag.key, tag.value], client);
        await rows('insertEvent', [event.id, company.client_id, event.eventType, company.id, event.body, company.created], client);
        await rows('consumersOfClient', [company.client_id], client);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
