import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config/load-config.js';

/**
 * The Companies table's essential work, written by hand on better-sqlite3 or `pg` (named prepared
 * statements, as Doorway's hot ones are): one page in the default order (newest first) with an
 * optional search or status condition, its total (counted only when the page is full, as Doorway
 * does), and the page's connection statuses in one more read. Same indexes, same rows; no query
 * builder, no domain mapping.
 */

/** Rows per page of the Companies table, in every measured form. */
export const PAGE_SIZE = 25;

export interface SameWorkFilter {
  search?: string | undefined;
  status?: string | undefined;
}

export interface SameWorkCompanyRow {
  id: string;
  name: string;
  created: string;
  tags: string;
}

export interface SameWorkPage {
  rows: SameWorkCompanyRow[];
  total: number;
  statuses: Array<{ company_id: string; status: string }>;
}

export interface PortalSameWork {
  page(clientId: string, filter: SameWorkFilter, limit: number): Promise<SameWorkPage>;
  close(): Promise<void>;
}

type Kind = 'all' | 'search' | 'status';
const kindOf = (filter: SameWorkFilter): Kind => (filter.search ? 'search' : filter.status ? 'status' : 'all');

function whereOf(kind: Kind, dialect: 'sqlite' | 'postgres'): string {
  if (kind === 'search') return dialect === 'postgres' ? ' AND strpos(search_text, ?) > 0' : ' AND instr(search_text, ?) > 0';
  if (kind === 'status') return ' AND id IN (SELECT company_id FROM connections WHERE client_id = ? AND status = ?)';
  return '';
}

function argsOf(kind: Kind, clientId: string, filter: SameWorkFilter): unknown[] {
  if (kind === 'search') return [clientId, filter.search];
  if (kind === 'status') return [clientId, clientId, filter.status];
  return [clientId];
}

const pageSql = (kind: Kind, dialect: 'sqlite' | 'postgres', limit: number) =>
  `SELECT id, name, created, tags FROM companies WHERE client_id = ?${whereOf(kind, dialect)} ORDER BY created DESC, id DESC LIMIT ${limit}`;
const countSql = (kind: Kind, dialect: 'sqlite' | 'postgres') => `SELECT count(*) AS n FROM companies WHERE client_id = ?${whereOf(kind, dialect)}`;
const statusesSql = (ids: number) => `SELECT company_id, status FROM connections WHERE client_id = ? AND company_id IN (${Array(ids).fill('?').join(', ')})`;

export function openPortalSameWork(config: DatabaseConfig): PortalSameWork {
  return config.kind === 'sqlite' ? sqliteSameWork(config.filename) : postgresSameWork(config.connectionString, config.poolSize);
}

function sqliteSameWork(filename: string): PortalSameWork {
  const db = new Database(filename, { readonly: true });
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  };
  return {
    async page(clientId, filter, limit) {
      const kind = kindOf(filter);
      const args = argsOf(kind, clientId, filter);
      const rows = prepared(pageSql(kind, 'sqlite', limit)).all(...args) as SameWorkCompanyRow[];
      const total = rows.length < limit ? rows.length : (prepared(countSql(kind, 'sqlite')).get(...args) as { n: number }).n;
      const statuses = rows.length === 0 ? [] : (prepared(statusesSql(rows.length)).all(clientId, ...rows.map((row) => row.id)) as SameWorkPage['statuses']);
      return { rows, total, statuses };
    },
    close: async () => {
      db.close();
    },
  };
}

function postgresSameWork(connectionString: string, poolSize: number): PortalSameWork {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {});
  const names = new Map<string, string>();
  const query = async <Row>(text: string, values: unknown[]): Promise<Row[]> => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `portal_same_work_${names.size}`));
    let n = 0;
    return (await pool.query({ name, text: text.replace(/\?/g, () => `$${++n}`), values })).rows as Row[];
  };
  return {
    async page(clientId, filter, limit) {
      const kind = kindOf(filter);
      const args = argsOf(kind, clientId, filter);
      const rows = await query<SameWorkCompanyRow>(pageSql(kind, 'postgres', limit), args);
      const total = rows.length < limit ? rows.length : Number((await query<{ n: string }>(countSql(kind, 'postgres'), args))[0]?.n);
      const statuses = rows.length === 0 ? [] : await query<SameWorkPage['statuses'][number]>(statusesSql(rows.length), [clientId, ...rows.map((row) => row.id)]);
      return { rows, total, statuses };
    },
    close: () => pool.end(),
  };
}
