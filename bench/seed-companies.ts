import { newId } from '../src/domain/ids.js';
import { performance } from 'node:perf_hooks';
import { sql, type Insertable, type Kysely } from 'kysely';
import { refreshPlannerStatistics, type Dialect } from '../src/storage/kysely/database.js';
import type { CompaniesTable, CompanyTagsTable, ConnectionsTable, Tables } from '../src/storage/kysely/tables.js';
import { companySearchText } from '../src/domain/company-search.js';
import type { ConnectionStatus } from '../src/domain/connection.js';

export interface SeededCompanies {
  /** Ids and names in insertion order; `names[i]` belongs to `ids[i]`. */
  ids: string[];
  names: string[];
  connections: number;
  milliseconds: number;
}

// 1,000 rows × 13 columns at most stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_STATEMENT = 1_000;
// Several statements per transaction: one commit (one fsync) per 10,000 companies.
const ROWS_PER_TRANSACTION = 10_000;
/** By default every Nth company has a Linked sandbox connection, so responses carry some `dataConnections`. */
const CONNECTION_EVERY = 50;

export const merchantName = (index: number): string => `Merchant ${String(index).padStart(6, '0')}`;
export const merchantUid = (index: number): string => `m-${index}`;

export interface SeedShape {
  /** The tags of company `index` (default: its `uid`). */
  tags?: (index: number) => Record<string, string>;
  /** The status of company `index`'s one Sandbox connection, or none (default: Linked for every 50th). */
  connection?: (index: number) => ConnectionStatus | undefined;
}

const DEFAULT_SHAPE: Required<SeedShape> = {
  tags: (index) => ({ uid: merchantUid(index) }),
  connection: (index) => (index % CONNECTION_EVERY === 0 ? 'Linked' : undefined),
};

/**
 * Writes `count` companies for one client straight through Kysely, bypassing the API: seeding
 * 100,000 rows through HTTP would take longer than the benchmark itself. Rows match what
 * `createCompany` writes (JSON tags plus one `company_tags` row per tag).
 */
export async function seedCompanies(db: Kysely<Tables>, dialect: Dialect, clientId: string, count: number, shape: SeedShape = {}): Promise<SeededCompanies> {
  const { tags: tagsOf, connection: connectionOf } = { ...DEFAULT_SHAPE, ...shape };
  const started = performance.now();
  const ids: string[] = [];
  const names: string[] = [];
  let connections = 0;
  // Spread creation times over the past `count` seconds so the default created-order is realistic.
  const firstCreated = Date.now() - count * 1000;

  for (let from = 0; from < count; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(from + ROWS_PER_TRANSACTION, count);
    await db.transaction().execute(async (trx) => {
      for (let start = from; start < to; start += ROWS_PER_STATEMENT) {
        const companies: Insertable<CompaniesTable>[] = [];
        const tags: Insertable<CompanyTagsTable>[] = [];
        const links: Insertable<ConnectionsTable>[] = [];
        for (let i = start; i < Math.min(start + ROWS_PER_STATEMENT, to); i++) {
          const id = newId();
          const name = merchantName(i);
          const companyTags = tagsOf(i);
          const created = new Date(firstCreated + i * 1000).toISOString();
          ids.push(id);
          names.push(name);
          companies.push({
            id, client_id: clientId, name, description: null, tags: JSON.stringify(companyTags),
            created, modified: created, last_sync: null, created_by_user_name: null, search_text: companySearchText({ name, tags: companyTags }),
          });
          for (const [key, value] of Object.entries(companyTags)) tags.push({ company_id: id, client_id: clientId, tag_key: key, tag_value: value });
          const status = connectionOf(i);
          if (status) {
            links.push({
              id: newId(), client_id: clientId, company_id: id, integration_key: 'mqjo', source_type: 'Accounting',
              status, created, modified: created, last_sync: null, linked_at: status === 'PendingAuth' ? null : created,
              connection_info: null, data_connection_errors: '[]', credentials_sealed: null,
            });
          }
        }
        await trx.insertInto('companies').values(companies).execute();
        await trx.insertInto('company_tags').values(tags).execute();
        if (links.length > 0) await trx.insertInto('connections').values(links).execute();
        connections += links.length;
      }
    });
  }
  // Fresh statistics, as autovacuum would have gathered by the time a real table got this big;
  // without them the planner guesses on a table it believes is empty.
  // SQLite: what Doorway's hourly statistics refresh (or its next start) would have done.
  if (dialect === 'postgres') await sql`ANALYZE`.execute(db);
  else await refreshPlannerStatistics(db);
  return { ids, names, connections, milliseconds: performance.now() - started };
}
