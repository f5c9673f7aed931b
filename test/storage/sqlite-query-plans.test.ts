/**
 * The hot queries, as the repositories really write them, must seek an index on SQLite, whose
 * planner has no statistics on a fresh database: a wrong index choice does not fail a test, it
 * just gets slower with every customer (hasLinkedAccounting once read every Linked connection).
 */
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, TAG_OPERATORS } from '../../src/domain/query/index.js';
import { createStore } from '../../src/storage/kysely/create-store.js';
import { migrateToLatest, refreshPlannerStatistics } from '../../src/storage/kysely/database.js';
import type { Tables } from '../../src/storage/kysely/tables.js';
import type { Store } from '../../src/storage/ports.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('SQLite query plans', () => {
  let test: TestDatabase;
  let sqlite: Sqlite.Database;
  let db: Kysely<Tables>;
  let store: Store;
  const seen: CompiledQuery[] = [];

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    sqlite = new Sqlite(test.config.kind === 'sqlite' ? test.config.filename : ':memory:');
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void seen.push(event.query) });
    await migrateToLatest(db, 'sqlite');
    store = createStore(db, 'sqlite');
  });
  afterAll(async () => {
    await db?.destroy();
    await test?.drop();
  });

  /** The plan of every statement `action` ran, one line per table access. */
  async function plansOf(action: () => Promise<unknown>): Promise<string[]> {
    seen.length = 0;
    await action();
    return seen.flatMap((query) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>).map((row) => row.detail),
    );
  }

  const companyId = '00000000-0000-4000-8000-000000000001';

  it('checks for a Linked accounting connection by the company, not by every Linked connection of the client', async () => {
    const plans = await plansOf(() => store.connections.hasLinkedAccounting('client', companyId));
    expect(plans.join('\n')).toMatch(/company_id=\?/);
  });

  it('reads a company with its connections by primary key and the company index', async () => {
    const plans = await plansOf(() => store.companies.findWithConnections('client', companyId));
    expect(plans).toEqual([expect.stringMatching(/SEARCH companies USING INDEX .* \(id=\?\)/), expect.stringMatching(/SEARCH connections USING INDEX connections_by_company \(company_id=\?\)/)]);
  });

  it('finds a customer by name or by tag with an index seek, once statistics exist', async () => {
    // Doorway refreshes statistics at start and hourly; without them SQLite walked every company
    // of the client for a tag lookup. 300 companies with a uid tag each make the choice visible.
    await seedTaggedCompanies(300);
    await refreshPlannerStatistics(db);
    const all = { offset: 0, limit: 100 };
    const byName = await plansOf(() => store.companies.list('client', { ...all, filter: parseQuery('name=M-123') }));
    expect(byName.join('\n')).toMatch(/companies_by_client_name \(client_id=\? AND name=\?\)/);
    const tagsFilter = parseQuery('uid=M-123', { pathSyntax: 'tag', allowedOperators: TAG_OPERATORS });
    const byTag = await plansOf(() => store.companies.list('client', { ...all, tagsFilter }));
    expect(byTag.join('\n')).toMatch(/SEARCH companies USING INDEX \w+ \(id=\?\)/);
    expect(byTag.join('\n')).toMatch(/company_tags_lookup \(client_id=\? AND tag_key=\? AND tag_value=\?\)/);
  });

  async function seedTaggedCompanies(count: number): Promise<void> {
    await db.insertInto('clients').values({ id: 'client', name: 'Plans', slug: 'plans', redirect_url: '', white_list_urls: '[]', cors_allowed_origins: '[]', created: 'x', modified: 'x' }).execute();
    for (let i = 0; i < count; i++) {
      const id = `00000000-0000-4000-8000-${String(i + 10).padStart(12, '0')}`;
      await db.insertInto('companies').values({ id, client_id: 'client', name: `M-${i}`, description: null, tags: '{}', created: `2026-01-01T00:00:${String(i).padStart(3, '0')}`, modified: 'x', last_sync: null, created_by_user_name: null }).execute();
      await db.insertInto('company_tags').values({ company_id: id, client_id: 'client', tag_key: 'uid', tag_value: `M-${i}` }).execute();
    }
  }
});
