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

  describe("the Portal's Companies table and Company page", () => {
    const page = { offset: 0, limit: 25 };
    const noTempSort = (plans: string[]) => expect(plans.join('\n')).not.toMatch(/TEMP B-TREE/);

    it('walks the name index in either direction for the first page, with no sort', async () => {
      for (const descending of [false, true]) {
        const plans = await plansOf(() => store.companies.list('client', { ...page, orderBy: { field: 'name', descending } }));
        expect(plans.join('\n')).toMatch(/SCAN companies USING (COVERING )?INDEX companies_by_client_name|SEARCH companies USING INDEX companies_by_client_name \(client_id=\?\)/);
        noTempSort(plans);
      }
    });

    /**
     * Two good plans, and statistics pick between them: walk the name index and probe the status
     * list (a common status), or read the few companies the status index names by primary key and
     * sort just those (a rare one, as here: 1 company in 40). Never a scan of every company.
     */
    it('filters by connection status from the (client, status, company) index, reading companies by index', async () => {
      for (const connectionStatus of ['PendingAuth', 'none'] as const) {
        const plans = (await plansOf(() => store.companies.list('client', { ...page, connectionStatus, orderBy: { field: 'name', descending: false } }))).join('\n');
        expect(plans).toMatch(connectionStatus === 'none' ? /connections_by_client_status_company \(client_id=\?\)/ : /connections_by_client_status_company \(client_id=\? AND status=\?\)/);
        expect(plans).toMatch(/SEARCH companies USING INDEX (companies_by_client_name \(client_id=\?\)|\w+ \(id=\?\))/);
        expect(plans).not.toMatch(/SCAN companies/);
        if (/companies_by_client_name/.test(plans)) noTempSort(plans.split('\n'));
      }
    });

    it('searches in name order without sorting, and sorts by lastSync and created from their indexes', async () => {
      const search = await plansOf(() => store.companies.list('client', { ...page, search: 'm-1', orderBy: { field: 'name', descending: false } }));
      expect(search.join('\n')).toMatch(/companies_by_client_name/);
      noTempSort(search);
      const bySync = await plansOf(() => store.companies.list('client', { ...page, orderBy: { field: 'lastSync', descending: true } }));
      expect(bySync.join('\n')).toMatch(/companies_by_client_last_sync/);
      noTempSort(bySync);
      const byCreated = await plansOf(() => store.companies.list('client', { ...page, orderBy: { field: 'created', descending: true } }));
      expect(byCreated.join('\n')).toMatch(/companies_by_client_created/);
      noTempSort(byCreated);
    });

    it("reads a company's events newest first from the company's event index", async () => {
      const plans = await plansOf(() => store.webhookOutbox.listCompanyEvents('client', companyId, page));
      expect(plans.join('\n')).toMatch(/SEARCH webhook_events USING INDEX webhook_events_by_company \(client_id=\? AND company_id=\?\)/);
      noTempSort(plans);
    });

    it("reads a company's token health from its connections' index and the refresh rows' primary key", async () => {
      const plans = await plansOf(() => store.tokenRefresh.listForCompany('client', companyId));
      expect(plans).toEqual([
        expect.stringMatching(/SEARCH c USING INDEX connections_by_company \(company_id=\?\)/),
        expect.stringMatching(/SEARCH r USING INDEX \w+ \(connection_id=\?\)/),
      ]);
    });
  });

  it('counts the auth funnel from one range seek of the client\'s events in the period per statement, never a scan of the table', async () => {
    const plans = await plansOf(() => store.linkEvents.countAuthFunnel('client', { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }));
    const reads = plans.filter((line) => /link_events/.test(line));
    expect(reads).toEqual([
      expect.stringMatching(/SEARCH link_events USING INDEX link_events_by_client \(client_id=\? AND created>\? AND created<\?\)/),
      expect.stringMatching(/SEARCH link_events USING INDEX link_events_by_client \(client_id=\? AND created>\? AND created<\?\)/),
    ]);
  });

  async function seedTaggedCompanies(count: number): Promise<void> {
    await db.insertInto('clients').values({ id: 'client', name: 'Plans', slug: 'plans', redirect_url: '', white_list_urls: '[]', cors_allowed_origins: '[]', created: 'x', modified: 'x' }).execute();
    // One transaction: one commit instead of one per row.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) await seedTaggedCompany(trx, i);
    });
  }

  async function seedTaggedCompany(trx: Kysely<Tables>, i: number): Promise<void> {
    const id = `00000000-0000-4000-8000-${String(i + 10).padStart(12, '0')}`;
    await trx.insertInto('companies').values({ id, client_id: 'client', name: `M-${i}`, description: null, tags: '{}', created: `2026-01-01T00:00:${String(i).padStart(3, '0')}`, modified: 'x', last_sync: null, created_by_user_name: null }).execute();
    await trx.insertInto('company_tags').values({ company_id: id, client_id: 'client', tag_key: 'uid', tag_value: `M-${i}` }).execute();
    // A few connections in every status, as a real client has: the status filter must seek them.
    if (i % 10 === 0) {
      const status = ['Linked', 'PendingAuth', 'Unlinked', 'Deauthorized'][(i / 10) % 4]!;
      await trx.insertInto('connections').values({ id: `connection-${i}`, client_id: 'client', company_id: id, integration_key: 'mqjo', source_type: 'Accounting', status, created: 'x', modified: 'x', last_sync: null, linked_at: null, connection_info: null, data_connection_errors: '[]', credentials_sealed: null }).execute();
    }
  }
});
