import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { companySearchText } from '../../../domain/company-search.js';

/**
 * What the Portal's Companies and Company pages read, kept fast with 100,000 companies:
 *
 * - `companies.search_text`: the name and every tag key and value, folded (domain/company-search.ts),
 *   written with the company. Searching is then one pass over one column with plain `instr` /
 *   `strpos`; folding names and every tag row per search cost ~4× as much on SQLite (its lower()
 *   is ASCII-only, so folding there is a JavaScript callback per value). Existing companies are
 *   filled here, in keyset pages, by the same function.
 * - `companies_by_client_last_sync`: sorting by lastSync walks an index like name and created do.
 *   NULL (never synced) sorts first ascending on both databases: SQLite's order, and on
 *   PostgreSQL `NULLS FIRST`, which the repository writes and this index matches.
 * - `webhook_events_by_company`: a company's event history, newest first, is an index range.
 *   Events already carry company_id (written by the outbox publisher).
 * - On SQLite the three order indexes (created, name, lastSync) end with search_text, so a search
 *   walking one in the page's order tests each company from the index entry and reads the table
 *   row only for a match (SQLite defers the seek): 2-4× faster on 100,000 companies than a table
 *   read per company. Not on PostgreSQL, where a B-tree entry is limited to ~2.7 kB and a long
 *   name with ten long non-ASCII tags could pass it (its heap reads in created order are close
 *   to sequential anyway).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('companies').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await fillSearchText(db);
  if (postgres) {
    await sql`CREATE INDEX companies_by_client_last_sync ON companies (client_id, last_sync NULLS FIRST, created, id)`.execute(db);
  } else {
    await sql`CREATE INDEX companies_by_client_last_sync ON companies (client_id, last_sync, created, id, search_text)`.execute(db);
    await db.schema.dropIndex('companies_by_client_created').execute();
    await db.schema.createIndex('companies_by_client_created').on('companies').columns(['client_id', 'created', 'id', 'search_text']).execute();
    await db.schema.dropIndex('companies_by_client_name').execute();
    await db.schema.createIndex('companies_by_client_name').on('companies').columns(['client_id', 'name', 'created', 'id', 'search_text']).execute();
  }
  await db.schema.createIndex('webhook_events_by_company').on('webhook_events').columns(['client_id', 'company_id', 'created', 'id']).execute();
}

const FILL_BATCH = 1_000;

async function fillSearchText(db: Kysely<unknown>): Promise<void> {
  const companies = db as unknown as Kysely<{ companies: { id: string; name: string; tags: string; search_text: string } }>;
  let after = '';
  for (;;) {
    const rows = await companies.selectFrom('companies').select(['id', 'name', 'tags']).where('id', '>', after).orderBy('id').limit(FILL_BATCH).execute();
    for (const row of rows) {
      const tags = JSON.parse(row.tags) as Record<string, string>;
      await companies.updateTable('companies').set({ search_text: companySearchText({ name: row.name, tags }) }).where('id', '=', row.id).execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < FILL_BATCH) return;
    after = last.id;
  }
}
