/**
 * The storage contract (`src/storage/ports.ts`), proven identically on SQLite and PostgreSQL.
 * Each dialect gets one fresh database; every test seeds its own clients, so tests never depend
 * on each other's rows. Tenancy is part of the contract: wherever a repository takes a clientId,
 * another client's rows must be invisible and untouchable.
 */
import { MIGRATIONS } from '../../src/storage/kysely/migrations/index.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/domain/client.js';
import type { Company } from '../../src/domain/company.js';
import type { Connection } from '../../src/domain/connection.js';
import { parseQuery, TAG_OPERATORS } from '../../src/domain/query/index.js';
import type { CompanyListOptions, ListOptions, Page, Store } from '../../src/storage/ports.js';
import { createStore } from '../../src/storage/kysely/create-store.js';
import { migrateToLatest, openDatabase, type Database } from '../../src/storage/kysely/database.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/databases.js';
import {
  at,
  buildApiKey,
  buildClient,
  buildCompany,
  buildConnection,
  buildIntegrationSettings,
  buildWebhookConsumer,
  expectAppError,
  expectUniqueViolation,
  newTestId,
} from './fixtures.js';

const ALL = { offset: 0, limit: 100 } as const;

const names = (page: Page<Company>): string[] => page.items.map((company) => company.name);

/** `query=` text, parsed the way the API parses it. */
const query = (text: string) => parseQuery(text);
/** `tags=` text, parsed the way the API parses it. */
const tags = (text: string) => parseQuery(text, { pathSyntax: 'tag', allowedOperators: TAG_OPERATORS });

describe.each(TEST_DIALECTS)('storage contract on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  let store: Store;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.config);
    await migrateToLatest(database.db);
    await migrateToLatest(database.db);
    store = createStore(database.db, database.dialect);
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  /** A fresh tenant, inserted. */
  async function seedClient(overrides: Partial<Client> = {}): Promise<Client> {
    const client = buildClient(overrides);
    await store.clients.insert(client);
    return client;
  }

  async function seedCompany(clientId: string, overrides: Partial<Company> = {}): Promise<Company> {
    const company = buildCompany(clientId, overrides);
    await store.companies.insert(company);
    return company;
  }

  async function seedConnection(company: Company, overrides: Partial<Connection> = {}): Promise<Connection> {
    const connection = buildConnection(company, overrides);
    await store.connections.insert(connection);
    return connection;
  }

  describe('migrations', () => {
    it('opened the expected dialect', () => {
      expect(database.dialect).toBe(dialect);
    });

    it('are idempotent: running again applies nothing and records the migration once', async () => {
      await migrateToLatest(database.db);
      const { rows } = await sql<{ name: string }>`SELECT name FROM doorway_migrations ORDER BY name`.execute(database.db);
      expect(rows.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS).sort());
      expect(rows.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('clients', () => {
    it('inserts and finds a client by id and by slug, with every field round-tripped', async () => {
      const client = buildClient({
        name: 'Round Trip Lending',
        logoUrl: 'https://cdn.example/logo.png',
        iconUrl: 'https://cdn.example/icon.png',
        whiteListUrls: ['https://a.example', 'https://b.example'],
        corsAllowedOrigins: ['https://portal.example'],
        created: at(1),
        modified: at(2),
      });
      await store.clients.insert(client);

      expect(await store.clients.findById(client.id)).toEqual(client);
      expect(await store.clients.findBySlug(client.slug)).toEqual(client);
      expect(await store.clients.findById(newTestId())).toBeUndefined();
      expect(await store.clients.findBySlug('no-such-slug')).toBeUndefined();
    });

    it('counts clients', async () => {
      const before = await store.clients.count();
      await seedClient();
      await seedClient();
      expect(await store.clients.count()).toBe(before + 2);
    });

    it('updates every mutable field and keeps created', async () => {
      const client = await seedClient({ created: at(1), modified: at(1) });
      const updated: Client = {
        ...client,
        name: 'Renamed Lender',
        slug: `renamed-${client.id.slice(0, 8)}`,
        logoUrl: 'https://cdn.example/new-logo.png',
        iconUrl: null,
        redirectUrl: 'https://lender.example/new-redirect',
        whiteListUrls: ['https://new.example'],
        corsAllowedOrigins: ['https://x.example', 'https://y.example'],
        created: at(999),
        modified: at(5),
      };
      await store.clients.update(updated);

      expect(await store.clients.findById(client.id)).toEqual({ ...updated, created: at(1) });
      expect(await store.clients.findBySlug(client.slug)).toBeUndefined();
      expect((await store.clients.findBySlug(updated.slug))?.id).toBe(client.id);
    });

    it('rejects a duplicate slug in the database', async () => {
      const first = await seedClient();
      await expectUniqueViolation(dialect, store.clients.insert(buildClient({ slug: first.slug })));
      expect((await store.clients.findBySlug(first.slug))?.id).toBe(first.id);
    });
  });

  describe('apiKeys', () => {
    let client: Client;
    let other: Client;
    const hash = (label: string) => `hash-${label}-${client.id}`;

    beforeAll(async () => {
      client = await seedClient();
      other = await seedClient();
    });

    it('inserts keys, lists them oldest first, counts them, and resolves a hash to its client', async () => {
      const second = buildApiKey(client.id, { name: 'second', keyHint: 'zz99', created: at(20) });
      const first = buildApiKey(client.id, { name: 'first', keyHint: 'aa11', created: at(10) });
      const foreign = buildApiKey(other.id, { name: 'foreign', created: at(5) });
      await store.apiKeys.insert(second, hash('second'));
      await store.apiKeys.insert(first, hash('first'));
      await store.apiKeys.insert(foreign, hash('foreign'));

      expect(await store.apiKeys.list(client.id)).toEqual([first, second]);
      expect(await store.apiKeys.list(other.id)).toEqual([foreign]);
      expect(await store.apiKeys.count(client.id)).toBe(2);
      expect(await store.apiKeys.count(other.id)).toBe(1);
      expect(await store.apiKeys.findClientIdByHash(hash('first'))).toBe(client.id);
      expect(await store.apiKeys.findClientIdByHash(hash('foreign'))).toBe(other.id);
      expect(await store.apiKeys.findClientIdByHash('hash-nobody')).toBeUndefined();
    });

    it('rejects a duplicate key hash in the database', async () => {
      await store.apiKeys.insert(buildApiKey(client.id), hash('dup'));
      await expectUniqueViolation(dialect, store.apiKeys.insert(buildApiKey(other.id), hash('dup')));
      expect(await store.apiKeys.findClientIdByHash(hash('dup'))).toBe(client.id);
    });

    it("deletes only the caller's own key", async () => {
      const mine = buildApiKey(client.id, { created: at(30) });
      const theirs = buildApiKey(other.id, { created: at(30) });
      await store.apiKeys.insert(mine, hash('mine'));
      await store.apiKeys.insert(theirs, hash('theirs'));
      const otherCount = await store.apiKeys.count(other.id);

      expect(await store.apiKeys.delete(client.id, theirs.id)).toBe(false);
      expect(await store.apiKeys.count(other.id)).toBe(otherCount);
      expect(await store.apiKeys.findClientIdByHash(hash('theirs'))).toBe(other.id);

      expect(await store.apiKeys.delete(client.id, mine.id)).toBe(true);
      expect(await store.apiKeys.findClientIdByHash(hash('mine'))).toBeUndefined();
      expect((await store.apiKeys.list(client.id)).map((key) => key.id)).not.toContain(mine.id);
      expect(await store.apiKeys.delete(client.id, mine.id)).toBe(false);
    });
  });

  describe('companies', () => {
    describe('insert, find, update, delete', () => {
      let client: Client;
      let other: Client;

      beforeAll(async () => {
        client = await seedClient();
        other = await seedClient();
      });

      it('inserts with tags and finds it again with every field round-tripped', async () => {
        const company = await seedCompany(client.id, {
          name: 'Round Trip Ltd',
          description: 'Bakery',
          tags: { uid: 'M-1', region: 'uk' },
          created: at(1),
          modified: at(2),
          lastSync: at(3),
          createdByUserName: 'alice@lender.example',
        });
        expect(await store.companies.findById(client.id, company.id)).toEqual(company);
      });

      it("is scoped by client: another client's id is not found", async () => {
        const company = await seedCompany(client.id);
        expect(await store.companies.findById(other.id, company.id)).toBeUndefined();
        expect(await store.companies.findById(client.id, newTestId())).toBeUndefined();
      });

      it('updates fields and rewrites tags, so tag filters see the new values only', async () => {
        const company = await seedCompany(client.id, {
          name: 'Before Ltd',
          description: 'old',
          tags: { uid: 'old-uid', region: 'uk' },
          created: at(1),
          modified: at(1),
        });
        const updated: Company = { ...company, name: 'After Ltd', description: null, tags: { uid: 'new-uid' }, modified: at(9), lastSync: at(8) };
        await store.companies.update(updated);

        expect(await store.companies.findById(client.id, company.id)).toEqual(updated);
        const byTag = async (text: string) => (await store.companies.list(client.id, { ...ALL, tagsFilter: tags(text) })).items.map((c) => c.id);
        expect(await byTag('uid=new-uid')).toEqual([company.id]);
        expect(await byTag('uid=old-uid')).toEqual([]);
        expect(await byTag('region=uk')).not.toContain(company.id);
        const byQuery = await store.companies.list(client.id, { ...ALL, filter: query('tags.uid=old-uid') });
        expect(byQuery.total).toBe(0);
      });

      it('removes every tag when updated with empty tags', async () => {
        const company = await seedCompany(client.id, { tags: { uid: 'to-clear' } });
        await store.companies.update({ ...company, tags: {} });
        expect((await store.companies.findById(client.id, company.id))?.tags).toEqual({});
        expect((await store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=to-clear') })).total).toBe(0);
      });

      // BUG (src/storage/kysely/repositories/companies.ts, update → writeTags): the companies row
      // update is scoped by client, but writeTags deletes company_tags by company_id only and
      // re-inserts them under the caller's clientId, so an update carrying another client's
      // company id rewrites that company's tag index. See the report; flip to `it` once fixed.
      it("update with another client's company id changes nothing of that company", async () => {
        const company = await seedCompany(client.id, { name: 'Owned Ltd', tags: { uid: 'owned-uid' } });
        await store.companies.update({ ...company, clientId: other.id, name: 'Hijacked', tags: { uid: 'hijacked-uid' } });

        expect(await store.companies.findById(client.id, company.id)).toEqual(company);
        const owned = await store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=owned-uid') });
        expect(owned.items.map((c) => c.id)).toEqual([company.id]);
        const hijacked = await store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=hijacked-uid') });
        expect(hijacked.total).toBe(0);
      });

      it('deletes a company with its connections and tags, and reports whether it deleted', async () => {
        const company = await seedCompany(client.id, { tags: { uid: 'doomed' } });
        const connection = await seedConnection(company, { status: 'Linked', sourceType: 'Accounting' });
        await store.connections.saveCredentials(client.id, connection.id, 'sealed');

        expect(await store.companies.delete(other.id, company.id)).toBe(false);
        expect(await store.companies.findById(client.id, company.id)).toEqual(company);

        expect(await store.companies.delete(client.id, company.id)).toBe(true);
        expect(await store.companies.findById(client.id, company.id)).toBeUndefined();
        expect(await store.connections.findById(client.id, company.id, connection.id)).toBeUndefined();
        expect(await store.connections.listForCompanies(client.id, [company.id])).toEqual([]);
        expect(await store.connections.readCredentials(client.id, connection.id)).toBeNull();
        const tagRows = await database.db.selectFrom('company_tags').select('tag_key').where('company_id', '=', company.id).execute();
        expect(tagRows).toEqual([]);
        expect((await store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=doomed') })).total).toBe(0);

        expect(await store.companies.delete(client.id, company.id)).toBe(false);
      });
    });

    describe('list: paging and ordering', () => {
      let client: Client;
      // Created order: Charlie, Alpha, Delta, Bravo. Modified order: Delta, Bravo, Charlie, Alpha.
      // Names share one letter case so the expected order is the same under any collation.
      const seed: Array<[name: string, created: number, modified: number]> = [
        ['Charlie', 1, 30],
        ['Alpha', 2, 40],
        ['Delta', 3, 10],
        ['Bravo', 4, 20],
      ];

      beforeAll(async () => {
        client = await seedClient();
        for (const [name, created, modified] of seed) {
          await seedCompany(client.id, { name, created: at(created), modified: at(modified) });
        }
        // Same names in another tenant: paging and totals must not count them.
        const other = await seedClient();
        for (const [name, created, modified] of seed) {
          await seedCompany(other.id, { name, created: at(created), modified: at(modified) });
        }
      });

      const list = (options: Partial<CompanyListOptions>) => store.companies.list(client.id, { ...ALL, ...options });

      it('defaults to creation order', async () => {
        const page = await list({});
        expect(names(page)).toEqual(['Charlie', 'Alpha', 'Delta', 'Bravo']);
        expect(page.total).toBe(4);
      });

      it('pages with offset and limit while total counts every match', async () => {
        const first = await list({ offset: 0, limit: 3 });
        const second = await list({ offset: 3, limit: 3 });
        const beyond = await list({ offset: 10, limit: 3 });
        expect(names(first)).toEqual(['Charlie', 'Alpha', 'Delta']);
        expect(names(second)).toEqual(['Bravo']);
        expect(beyond.items).toEqual([]);
        expect([first.total, second.total, beyond.total]).toEqual([4, 4, 4]);
      });

      it('counts right when the last page is exactly full, and when the first page is empty', async () => {
        const exact = await list({ offset: 2, limit: 2 });
        expect(names(exact)).toEqual(['Delta', 'Bravo']);
        expect(exact.total).toBe(4);
        expect(await list({ offset: 0, limit: 5, filter: parseQuery('name=Nobody') })).toEqual({ items: [], total: 0 });
      });

      it('orders by name ascending and descending', async () => {
        expect(names(await list({ orderBy: { field: 'name', descending: false } }))).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
        expect(names(await list({ orderBy: { field: 'name', descending: true } }))).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha']);
      });

      it('orders by created and by modifiedDate', async () => {
        expect(names(await list({ orderBy: { field: 'created', descending: true } }))).toEqual(['Bravo', 'Delta', 'Alpha', 'Charlie']);
        expect(names(await list({ orderBy: { field: 'modifiedDate', descending: false } }))).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
        expect(names(await list({ orderBy: { field: 'modifiedDate', descending: true } }))).toEqual(['Alpha', 'Charlie', 'Bravo', 'Delta']);
      });

      it('pages an ordered list consistently', async () => {
        const orderBy = { field: 'name', descending: true };
        const page = await list({ orderBy, offset: 1, limit: 2 });
        expect(names(page)).toEqual(['Charlie', 'Bravo']);
        expect(page.total).toBe(4);
      });

      it('refuses an unknown order field with a 400', async () => {
        await expectAppError(list({ orderBy: { field: 'colour', descending: false } }), 400, /colour/);
        await expectAppError(list({ orderBy: { field: 'modified', descending: false } }), 400);
      });
    });

    describe('list: filters', () => {
      let clientA: Client;
      let clientB: Client;
      const idsA = new Map<string, string>();

      /**
       * Client A's companies, in creation order. Client B gets identically named and tagged
       * companies with identical connections, so any tenant leak shows up as duplicate names.
       */
      const SEED: Array<{ name: string; description: string | null; tags: Record<string, string>; created: string; connections: Array<Partial<Connection>> }> = [
        {
          name: 'Acme Ltd',
          description: 'Widgets',
          tags: { region: 'uk', uid: '1001' },
          created: '2024-01-01T00:00:00.000Z',
          connections: [{ sourceType: 'Accounting', status: 'Linked', integrationKey: 'xero' }],
        },
        {
          name: 'acme holdings',
          description: null,
          tags: { region: 'us' },
          created: '2024-01-02T00:00:00.000Z',
          connections: [
            { sourceType: 'Accounting', status: 'Linked', integrationKey: 'gbol' },
            { sourceType: 'Banking', status: 'PendingAuth', integrationKey: 'plaid' },
          ],
        },
        { name: '100% Pure', description: 'Juice', tags: {}, created: '2024-01-03T00:00:00.000Z', connections: [] },
        {
          name: '1000 Pure',
          description: 'juice bar',
          tags: { region: 'uk-north' },
          created: '2024-01-04T00:00:00.000Z',
          connections: [{ sourceType: 'Banking', status: 'Deauthorized', integrationKey: 'plaid' }],
        },
        {
          name: 'a_b Corp',
          description: 'Plain',
          tags: { uid: '1002' },
          created: '2024-01-05T00:00:00.000Z',
          connections: [{ sourceType: 'Accounting', status: 'PendingAuth', integrationKey: 'xero' }],
        },
        {
          name: 'axb Corp',
          description: null,
          tags: { 'merchant-id': 'M-1' },
          created: '2024-01-06T00:00:00.000Z',
          connections: [
            { sourceType: 'Accounting', status: 'Unlinked', integrationKey: 'xero' },
            { sourceType: 'Banking', status: 'Linked', integrationKey: 'plaid' },
          ],
        },
      ];

      beforeAll(async () => {
        clientA = await seedClient();
        clientB = await seedClient();
        for (const client of [clientA, clientB]) {
          for (const [index, spec] of SEED.entries()) {
            const company = await seedCompany(client.id, {
              name: spec.name,
              description: spec.description,
              tags: spec.tags,
              created: spec.created,
              modified: spec.created,
            });
            if (client === clientA) idsA.set(spec.name, company.id);
            for (const [n, overrides] of spec.connections.entries()) {
              await seedConnection(company, { created: at(index * 10 + n), ...overrides });
            }
          }
        }
      });

      /** Client A's matches (names, creation order), asserting total agrees and no B row leaked. */
      async function match(filterText: string | undefined, tagsText?: string): Promise<string[]> {
        const page = await store.companies.list(clientA.id, {
          ...ALL,
          filter: filterText === undefined ? undefined : query(filterText),
          tagsFilter: tagsText === undefined ? undefined : tags(tagsText),
        });
        expect(page.total).toBe(page.items.length);
        for (const company of page.items) {
          expect(company.clientId).toBe(clientA.id);
          expect(company.id).toBe(idsA.get(company.name));
        }
        return names(page);
      }

      describe('on company properties', () => {
        it('name= is exact and case-sensitive', async () => {
          expect(await match('name=Acme Ltd')).toEqual(['Acme Ltd']);
          expect(await match('name=acme ltd')).toEqual([]);
          expect(await match('name=Acme')).toEqual([]);
        });

        it('name!= excludes only the exact name', async () => {
          expect(await match('name!=Acme Ltd')).toEqual(['acme holdings', '100% Pure', '1000 Pure', 'a_b Corp', 'axb Corp']);
        });

        it('name~ is contains, case-insensitive', async () => {
          expect(await match('name~acme')).toEqual(['Acme Ltd', 'acme holdings']);
          expect(await match('name~ACME')).toEqual(['Acme Ltd', 'acme holdings']);
          expect(await match('name~CoRp')).toEqual(['a_b Corp', 'axb Corp']);
        });

        // DIALECT BUG (src/storage/kysely/query-to-sql.ts, compare, case '~'): SQLite's LIKE folds
        // case for ASCII only, so `name~école` misses 'École' there while PostgreSQL's ILIKE finds
        // it. Expected to fail on SQLite until fixed; see the report.
        it('name~ is case-insensitive for non-ASCII letters too', async () => {
          const client = await seedClient();
          const ecole = await seedCompany(client.id, { name: 'École Lyon' });
          await seedCompany(client.id, { name: 'Ecole Paris' });
          for (const text of ['name~école', 'name~ÉCOLE', 'name~École']) {
            const page = await store.companies.list(client.id, { ...ALL, filter: query(text) });
            expect(page.items.map((c) => c.id)).toEqual([ecole.id]);
          }
        });

        it('name~ treats % and _ literally, not as wildcards', async () => {
          expect(await match('name~0%')).toEqual(['100% Pure']);
          expect(await match('name~%')).toEqual(['100% Pure']);
          expect(await match('name~a_b')).toEqual(['a_b Corp']);
          expect(await match('name~_')).toEqual(['a_b Corp']);
        });

        it('name~ treats a backslash literally', async () => {
          expect(await match('name~\\')).toEqual([]);
        });

        it('description= and description!= (which includes companies without a description)', async () => {
          expect(await match('description=Juice')).toEqual(['100% Pure']);
          expect(await match('description!=Widgets')).toEqual(['acme holdings', '100% Pure', '1000 Pure', 'a_b Corp', 'axb Corp']);
          expect(await match('description~juice')).toEqual(['100% Pure', '1000 Pure']);
        });

        it('created compares as a date with > < >= <= and =', async () => {
          expect(await match('created>2024-01-04T00:00:00Z')).toEqual(['a_b Corp', 'axb Corp']);
          expect(await match('created<2024-01-02')).toEqual(['Acme Ltd']);
          expect(await match('created>=2024-01-02&&created<=2024-01-03')).toEqual(['acme holdings', '100% Pure']);
          expect(await match('created=2024-01-03T00:00:00Z')).toEqual(['100% Pure']);
          expect(await match('created>2024-01-04T12:00:00+13:00')).toEqual(['1000 Pure', 'a_b Corp', 'axb Corp']);
        });

        it('groups with { } and combines with || and &&', async () => {
          expect(await match('{name~acme||name~pure}&&description!=Widgets')).toEqual(['acme holdings', '100% Pure', '1000 Pure']);
          expect(await match('name=Acme Ltd||{name~Corp&&description=Plain}')).toEqual(['Acme Ltd', 'a_b Corp']);
          expect(await match('{name~corp||name~acme}&&{created<2024-01-02||created>2024-01-05T12:00:00Z}')).toEqual(['Acme Ltd', 'axb Corp']);
        });
      });

      describe('on tags', () => {
        it('tags.<key> in the query filter', async () => {
          expect(await match('tags.uid=1001')).toEqual(['Acme Ltd']);
          expect(await match('tags.region~uk')).toEqual(['Acme Ltd', '1000 Pure']);
          expect(await match('tags.region!=uk')).toEqual(['acme holdings', '100% Pure', '1000 Pure', 'a_b Corp', 'axb Corp']);
        });

        it('tags filter = matches the exact value of that key', async () => {
          expect(await match(undefined, 'region=uk')).toEqual(['Acme Ltd']);
          expect(await match(undefined, 'uid=1002')).toEqual(['a_b Corp']);
          expect(await match(undefined, 'merchant-id=M-1')).toEqual(['axb Corp']);
          expect(await match(undefined, 'uid=uk')).toEqual([]);
        });

        it('tags filter != also matches companies without the tag', async () => {
          expect(await match(undefined, 'region!=uk')).toEqual(['acme holdings', '100% Pure', '1000 Pure', 'a_b Corp', 'axb Corp']);
          expect(await match(undefined, 'uid!=1001&&region!=us')).toEqual(['100% Pure', '1000 Pure', 'a_b Corp', 'axb Corp']);
        });

        it('tags filter ~ is contains, case-insensitive', async () => {
          expect(await match(undefined, 'region~UK')).toEqual(['Acme Ltd', '1000 Pure']);
          expect(await match(undefined, 'uid~100')).toEqual(['Acme Ltd', 'a_b Corp']);
        });

        it('tags filter combines with || and with the query filter', async () => {
          expect(await match(undefined, 'region=uk||uid=1002')).toEqual(['Acme Ltd', 'a_b Corp']);
          expect(await match('name~acme', 'region=us')).toEqual(['acme holdings']);
          expect(await match('name~pure', 'region~uk')).toEqual(['1000 Pure']);
        });
      });

      describe('on dataConnections', () => {
        it('status=Linked matches companies with any Linked connection', async () => {
          expect(await match('dataConnections.status=Linked')).toEqual(['Acme Ltd', 'acme holdings', 'axb Corp']);
        });

        it('enum values are case-insensitive', async () => {
          expect(await match('dataConnections.status=linked')).toEqual(['Acme Ltd', 'acme holdings', 'axb Corp']);
          expect(await match('dataConnections.sourceType=BANKING')).toEqual(['acme holdings', '1000 Pure', 'axb Corp']);
        });

        it('status!=PendingAuth means no connection is PendingAuth', async () => {
          expect(await match('dataConnections.status!=PendingAuth')).toEqual(['Acme Ltd', '100% Pure', '1000 Pure', 'axb Corp']);
        });

        it("Codat's no-connections query finds only companies without connections", async () => {
          const noConnections =
            'dataConnections.status!=PendingAuth&&dataConnections.status!=Linked&&dataConnections.status!=Deauthorized&&dataConnections.status!=Unlinked';
          expect(await match(noConnections)).toEqual(['100% Pure']);
        });

        it('filters on integration key / platform key and combines with company properties', async () => {
          expect(await match('dataConnections.integrationKey=xero')).toEqual(['Acme Ltd', 'a_b Corp', 'axb Corp']);
          expect(await match('dataConnections.platformKey=plaid')).toEqual(['acme holdings', '1000 Pure', 'axb Corp']);
          expect(await match('dataConnections.platformKey=xero&&name~corp')).toEqual(['a_b Corp', 'axb Corp']);
        });
      });

      describe('refused with a 400', () => {
        const refuse = (text: string, message?: RegExp) => expectAppError(store.companies.list(clientA.id, { ...ALL, filter: query(text) }), 400, message);

        it('an invalid enum value', async () => {
          await refuse('dataConnections.status=Bogus', /Bogus/);
          await refuse('dataConnections.sourceType=Ledger', /Ledger/);
        });

        it('an operator an enum does not support', async () => {
          await refuse('dataConnections.status~Linked', /operator '~'/);
        });

        it('an invalid date', async () => {
          await refuse('created>not-a-date', /not-a-date/);
        });

        it('an unknown property', async () => {
          await refuse('colour=red', /Could not resolve property colour/);
          await refuse('dataConnections.colour=red', /Could not resolve property dataConnections\.colour/);
          await refuse('name=Acme Ltd||colour=red', /Could not resolve property colour/);
        });
      });

      it("client B's filters see only client B's companies", async () => {
        const page = await store.companies.list(clientB.id, { ...ALL, filter: query('dataConnections.status=Linked'), tagsFilter: tags('region~u') });
        expect(names(page)).toEqual(['Acme Ltd', 'acme holdings']);
        expect(page.total).toBe(2);
        for (const company of page.items) expect(company.clientId).toBe(clientB.id);
        expect(page.items.map((company) => company.id)).not.toContain(idsA.get('Acme Ltd'));
      });
    });
  });

  describe('connections', () => {
    let client: Client;
    let other: Client;
    let company: Company;
    let sibling: Company;

    beforeAll(async () => {
      client = await seedClient();
      other = await seedClient();
      company = await seedCompany(client.id, { name: 'Connected Ltd' });
      sibling = await seedCompany(client.id, { name: 'Sibling Ltd' });
    });

    it('inserts and finds a connection with every field round-tripped', async () => {
      const connection = await seedConnection(company, {
        integrationKey: 'xero',
        sourceType: 'Accounting',
        status: 'Unlinked',
        created: at(1),
        modified: at(2),
        lastSync: at(3),
        linkedAt: at(1),
        connectionInfo: { tenantId: 't-1', nested: { a: [1, 2] } },
        dataConnectionErrors: [
          { statusCode: '401', statusText: 'Unauthorized', errorMessage: 'token revoked', erroredOnUtc: at(2), status: 'Active', resolvedOnUtc: null },
        ],
      });
      expect(await store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);
    });

    it('findById is scoped by client and by company', async () => {
      const connection = await seedConnection(company);
      expect(await store.connections.findById(client.id, sibling.id, connection.id)).toBeUndefined();
      expect(await store.connections.findById(other.id, company.id, connection.id)).toBeUndefined();
      expect(await store.connections.findById(client.id, company.id, newTestId())).toBeUndefined();
    });

    it("listForCompanies returns the given companies' connections in creation order, and only the client's", async () => {
      const a = await seedCompany(client.id);
      const b = await seedCompany(client.id);
      const untouched = await seedCompany(client.id);
      const b1 = await seedConnection(b, { created: at(1) });
      const a1 = await seedConnection(a, { created: at(2) });
      const a2 = await seedConnection(a, { created: at(3) });
      await seedConnection(untouched, { created: at(0) });

      expect((await store.connections.listForCompanies(client.id, [a.id, b.id])).map((c) => c.id)).toEqual([b1.id, a1.id, a2.id]);
      expect(await store.connections.listForCompanies(client.id, [a.id])).toEqual([a1, a2]);
      expect(await store.connections.listForCompanies(client.id, [])).toEqual([]);
      expect(await store.connections.listForCompanies(other.id, [a.id, b.id])).toEqual([]);
    });

    it('reads a company with its connections in one go, never across tenants', async () => {
      const company = await seedCompany(client.id, { tags: { uid: 'joined' } });
      const lonely = await seedCompany(client.id);
      const second = await seedConnection(company, { created: at(2), status: 'Linked', connectionInfo: { realmId: '42' } });
      const first = await seedConnection(company, { created: at(1) });

      expect(await store.companies.findWithConnections(client.id, company.id)).toEqual({ company, connections: [first, second] });
      expect(await store.companies.findWithConnections(client.id, lonely.id)).toEqual({ company: lonely, connections: [] });
      expect(await store.companies.findWithConnections(other.id, company.id)).toBeUndefined();
      expect(await store.companies.findWithConnections(client.id, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });

    describe('list', () => {
      let listed: Company;
      const byName = new Map<string, Connection>();

      beforeAll(async () => {
        listed = await seedCompany(client.id);
        const specs: Array<[label: string, overrides: Partial<Connection>]> = [
          ['xero-linked', { integrationKey: 'xero', sourceType: 'Accounting', status: 'Linked', created: at(10) }],
          ['plaid-pending', { integrationKey: 'plaid', sourceType: 'Banking', status: 'PendingAuth', created: at(20) }],
          ['tl-linked', { integrationKey: 'truelayer', sourceType: 'Banking', status: 'Linked', created: at(30) }],
          ['gbol-unlinked', { integrationKey: 'gbol', sourceType: 'Accounting', status: 'Unlinked', created: at(40) }],
        ];
        for (const [label, overrides] of specs) byName.set(label, await seedConnection(listed, overrides));
        // Noise: the same company id is never shared across clients, but another company is.
        await seedConnection(sibling, { status: 'Linked', sourceType: 'Banking', created: at(15) });
      });

      const labels = (page: Page<Connection>) => page.items.map((c) => [...byName].find(([, v]) => v.id === c.id)?.[0] ?? c.id);
      const list = (options: Partial<ListOptions>) => store.connections.list(client.id, listed.id, { ...ALL, ...options });

      it("lists the company's connections in creation order with total", async () => {
        const page = await list({});
        expect(labels(page)).toEqual(['xero-linked', 'plaid-pending', 'tl-linked', 'gbol-unlinked']);
        expect(page.total).toBe(4);
        expect(page.items[0]).toEqual(byName.get('xero-linked'));
      });

      it('pages with offset and limit', async () => {
        const page = await list({ offset: 1, limit: 2 });
        expect(labels(page)).toEqual(['plaid-pending', 'tl-linked']);
        expect(page.total).toBe(4);
      });

      it('filters', async () => {
        const filtered = async (text: string) => {
          const page = await list({ filter: query(text) });
          expect(page.total).toBe(page.items.length);
          return labels(page);
        };
        expect(await filtered('status=Linked')).toEqual(['xero-linked', 'tl-linked']);
        expect(await filtered('status=linked')).toEqual(['xero-linked', 'tl-linked']);
        expect(await filtered('status!=Linked')).toEqual(['plaid-pending', 'gbol-unlinked']);
        expect(await filtered('sourceType=Banking&&status=Linked')).toEqual(['tl-linked']);
        expect(await filtered('platformKey=xero||integrationKey=gbol')).toEqual(['xero-linked', 'gbol-unlinked']);
        expect(await filtered('integrationKey~TRUE')).toEqual(['tl-linked']);
        expect(await filtered(`created>${at(20)}`)).toEqual(['tl-linked', 'gbol-unlinked']);
      });

      it('orders by status and by created descending', async () => {
        expect(labels(await list({ orderBy: { field: 'created', descending: true } }))).toEqual(['gbol-unlinked', 'tl-linked', 'plaid-pending', 'xero-linked']);
        const byStatus = labels(await list({ orderBy: { field: 'status', descending: false } }));
        expect(byStatus.slice(0, 2).sort()).toEqual(['tl-linked', 'xero-linked']);
        expect(byStatus.slice(2)).toEqual(['plaid-pending', 'gbol-unlinked']);
      });

      it('refuses unknown fields with a 400', async () => {
        await expectAppError(list({ filter: query('colour=red') }), 400, /Could not resolve property colour/);
        await expectAppError(list({ filter: query('status=Bogus') }), 400);
        await expectAppError(list({ orderBy: { field: 'colour', descending: false } }), 400);
      });

      it("is scoped by client and company", async () => {
        expect(await store.connections.list(other.id, listed.id, ALL)).toEqual({ items: [], total: 0 });
        const siblingPage = await store.connections.list(client.id, sibling.id, { ...ALL, filter: query('status=Linked') });
        expect(siblingPage.items.every((c) => c.companyId === sibling.id)).toBe(true);
        expect(siblingPage.items.map((c) => c.id)).not.toContain(byName.get('xero-linked')?.id);
      });
    });

    it('updates the mutable fields', async () => {
      const connection = await seedConnection(company, {
        sourceType: 'Banking',
        status: 'PendingAuth',
        connectionInfo: { step: 1 },
        created: at(1),
        modified: at(1),
      });
      const updated: Connection = {
        ...connection,
        status: 'Linked',
        modified: at(5),
        lastSync: at(6),
        linkedAt: at(5),
        connectionInfo: null,
        dataConnectionErrors: [
          { statusCode: '500', statusText: 'Error', errorMessage: 'boom', erroredOnUtc: at(4), status: 'Resolved', resolvedOnUtc: at(5) },
        ],
      };
      await store.connections.update(updated);
      expect(await store.connections.findById(client.id, company.id, connection.id)).toEqual(updated);
    });

    it("update with another client's id changes nothing", async () => {
      const connection = await seedConnection(company, { sourceType: 'Banking', status: 'PendingAuth' });
      await store.connections.update({ ...connection, clientId: other.id, status: 'Linked', modified: at(9) });
      expect(await store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);
    });

    it('saves and reads sealed credentials, scoped by client', async () => {
      const connection = await seedConnection(company);
      expect(await store.connections.readCredentials(client.id, connection.id)).toBeNull();

      await store.connections.saveCredentials(client.id, connection.id, 'sealed-v1');
      expect(await store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v1');
      await store.connections.saveCredentials(client.id, connection.id, 'sealed-v2');
      expect(await store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v2');

      expect(await store.connections.readCredentials(other.id, connection.id)).toBeNull();
      await store.connections.saveCredentials(other.id, connection.id, 'forged');
      expect(await store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v2');
      expect(await store.connections.readCredentials(client.id, newTestId())).toBeNull();

      // Credentials never leak into the domain object.
      expect(Object.values((await store.connections.findById(client.id, company.id, connection.id)) ?? {})).not.toContain('sealed-v2');
    });

    it('deletes only with the right client and company, reporting whether it deleted', async () => {
      const connection = await seedConnection(company);
      expect(await store.connections.delete(other.id, company.id, connection.id)).toBe(false);
      expect(await store.connections.delete(client.id, sibling.id, connection.id)).toBe(false);
      expect(await store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);

      expect(await store.connections.delete(client.id, company.id, connection.id)).toBe(true);
      expect(await store.connections.findById(client.id, company.id, connection.id)).toBeUndefined();
      expect(await store.connections.delete(client.id, company.id, connection.id)).toBe(false);
    });

    describe('one Linked accounting connection per company', () => {
      it('hasLinkedAccounting sees only Linked Accounting connections of that company and client', async () => {
        const target = await seedCompany(client.id);
        await seedConnection(target, { sourceType: 'Banking', status: 'Linked' });
        await seedConnection(target, { sourceType: 'Accounting', status: 'PendingAuth' });
        await seedConnection(target, { sourceType: 'Accounting', status: 'Unlinked' });
        expect(await store.connections.hasLinkedAccounting(client.id, target.id)).toBe(false);

        const linked = await seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
        expect(await store.connections.hasLinkedAccounting(client.id, target.id)).toBe(true);
        expect(await store.connections.hasLinkedAccounting(client.id, target.id, linked.id)).toBe(false);
        expect(await store.connections.hasLinkedAccounting(client.id, target.id, newTestId())).toBe(true);
        expect(await store.connections.hasLinkedAccounting(other.id, target.id)).toBe(false);
        expect(await store.connections.hasLinkedAccounting(client.id, sibling.id)).toBe(false);
      });

      it('the database rejects inserting a second Linked Accounting connection', async () => {
        const target = await seedCompany(client.id);
        const first = await seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
        const second = buildConnection(target, { sourceType: 'Accounting', status: 'Linked', integrationKey: 'xero' });
        await expectUniqueViolation(dialect, store.connections.insert(second));
        expect(await store.connections.findById(client.id, target.id, second.id)).toBeUndefined();
        expect((await store.connections.listForCompanies(client.id, [target.id])).map((c) => c.id)).toEqual([first.id]);
      });

      it('the database rejects updating a second Accounting connection to Linked', async () => {
        const target = await seedCompany(client.id);
        await seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
        const pending = await seedConnection(target, { sourceType: 'Accounting', status: 'PendingAuth' });
        await expectUniqueViolation(dialect, store.connections.update({ ...pending, status: 'Linked', modified: at(9) }));
        expect((await store.connections.findById(client.id, target.id, pending.id))?.status).toBe('PendingAuth');
      });

      it('allows relinking once the first is no longer Linked', async () => {
        const target = await seedCompany(client.id);
        const first = await seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
        const pending = await seedConnection(target, { sourceType: 'Accounting', status: 'PendingAuth' });
        await store.connections.update({ ...first, status: 'Unlinked' });
        await store.connections.update({ ...pending, status: 'Linked' });
        expect((await store.connections.findById(client.id, target.id, pending.id))?.status).toBe('Linked');
      });

      it('allows several Linked Banking connections, and Linked Accounting in different companies', async () => {
        const target = await seedCompany(client.id);
        const otherCompany = await seedCompany(client.id);
        await seedConnection(target, { sourceType: 'Banking', status: 'Linked' });
        await seedConnection(target, { sourceType: 'Banking', status: 'Linked' });
        await seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
        await seedConnection(otherCompany, { sourceType: 'Accounting', status: 'Linked' });
        const page = await store.connections.list(client.id, target.id, { ...ALL, filter: query('status=Linked') });
        expect(page.total).toBe(3);
        expect(await store.connections.hasLinkedAccounting(client.id, otherCompany.id)).toBe(true);
      });
    });
  });

  describe('integrationSettings', () => {
    it('upsert inserts, then updates the same (client, platform) key', async () => {
      const client = await seedClient();
      const inserted = buildIntegrationSettings(client.id, { platformKey: 'xero', enabled: false, modified: at(1) });
      await store.integrationSettings.upsert(inserted);
      expect(await store.integrationSettings.find(client.id, 'xero')).toEqual(inserted);

      const updated = buildIntegrationSettings(client.id, {
        platformKey: 'xero',
        enabled: true,
        oauthClientId: 'app-id',
        oauthClientSecretSealed: 'sealed-app-secret',
        scopes: ['accounting.transactions.read', 'offline_access'],
        modified: at(2),
      });
      await store.integrationSettings.upsert(updated);
      expect(await store.integrationSettings.find(client.id, 'xero')).toEqual(updated);
      expect(await store.integrationSettings.list(client.id)).toEqual([updated]);

      // Back to defaults: nulls overwrite values.
      await store.integrationSettings.upsert(inserted);
      expect(await store.integrationSettings.find(client.id, 'xero')).toEqual(inserted);
    });

    it('lists and finds per client', async () => {
      const client = await seedClient();
      const other = await seedClient();
      const xero = buildIntegrationSettings(client.id, { platformKey: 'xero' });
      const plaid = buildIntegrationSettings(client.id, { platformKey: 'plaid', scopes: [] });
      const foreign = buildIntegrationSettings(other.id, { platformKey: 'xero', enabled: false, oauthClientId: 'theirs' });
      for (const settings of [xero, plaid, foreign]) await store.integrationSettings.upsert(settings);

      const byKey = (list: Array<{ platformKey: string }>) => [...list].sort((a, b) => a.platformKey.localeCompare(b.platformKey));
      expect(byKey(await store.integrationSettings.list(client.id))).toEqual([plaid, xero]);
      expect(await store.integrationSettings.list(other.id)).toEqual([foreign]);
      expect(await store.integrationSettings.find(client.id, 'xero')).toEqual(xero);
      expect(await store.integrationSettings.find(other.id, 'xero')).toEqual(foreign);
      expect(await store.integrationSettings.find(other.id, 'plaid')).toBeUndefined();
      expect(await store.integrationSettings.list((await seedClient()).id)).toEqual([]);
    });
  });

  describe('webhookConsumers', () => {
    it('inserts, lists oldest first, counts and finds, scoped per client', async () => {
      const client = await seedClient();
      const other = await seedClient();
      const later = buildWebhookConsumer(client.id, { url: 'https://b.example/hook', created: at(20), modified: at(20) });
      const earlier = buildWebhookConsumer(client.id, {
        url: 'https://a.example/hook',
        disabled: true,
        eventTypes: ['connection.connected', 'company.deleted'],
        companyTags: ['region=uk'],
        created: at(10),
        modified: at(11),
      });
      const foreign = buildWebhookConsumer(other.id);
      for (const consumer of [later, earlier, foreign]) await store.webhookConsumers.insert(consumer);

      expect(await store.webhookConsumers.list(client.id)).toEqual([earlier, later]);
      expect(await store.webhookConsumers.list(other.id)).toEqual([foreign]);
      expect(await store.webhookConsumers.count(client.id)).toBe(2);
      expect(await store.webhookConsumers.count(other.id)).toBe(1);
      expect(await store.webhookConsumers.findById(client.id, earlier.id)).toEqual(earlier);
      expect(await store.webhookConsumers.findById(other.id, earlier.id)).toBeUndefined();
      expect(await store.webhookConsumers.findById(client.id, newTestId())).toBeUndefined();
    });

    it("deletes only the caller's own consumer", async () => {
      const client = await seedClient();
      const other = await seedClient();
      const mine = buildWebhookConsumer(client.id);
      const theirs = buildWebhookConsumer(other.id);
      await store.webhookConsumers.insert(mine);
      await store.webhookConsumers.insert(theirs);

      expect(await store.webhookConsumers.delete(client.id, theirs.id)).toBe(false);
      expect(await store.webhookConsumers.findById(other.id, theirs.id)).toEqual(theirs);
      expect(await store.webhookConsumers.delete(client.id, mine.id)).toBe(true);
      expect(await store.webhookConsumers.findById(client.id, mine.id)).toBeUndefined();
      expect(await store.webhookConsumers.count(client.id)).toBe(0);
      expect(await store.webhookConsumers.count(other.id)).toBe(1);
      expect(await store.webhookConsumers.delete(client.id, mine.id)).toBe(false);
    });
  });

  describe('transaction', () => {
    // Inside a transaction only the transaction's store is used: on SQLite the single connection
    // is held by the transaction, so using the outer store there would wait forever.
    let client: Client;

    beforeAll(async () => {
      client = await seedClient();
    });

    it('commits the work and returns its result', async () => {
      const company = buildCompany(client.id, { tags: { uid: 'committed' } });
      const connection = buildConnection(company);
      const result = await store.transaction(async (tx) => {
        await tx.companies.insert(company);
        await tx.connections.insert(connection);
        expect(await tx.companies.findById(client.id, company.id)).toEqual(company);
        const listed = await tx.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=committed'), filter: query('dataConnections.status=PendingAuth') });
        expect(listed).toEqual({ items: [company], total: 1 });
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.companies.findById(client.id, company.id)).toEqual(company);
      expect(await store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);
    });

    it('rolls everything back when the work throws', async () => {
      const company = buildCompany(client.id, { tags: { uid: 'rolled-back' } });
      const connection = buildConnection(company);
      const consumer = buildWebhookConsumer(client.id);
      const failure = new Error('abort the transaction');
      await expect(
        store.transaction(async (tx) => {
          await tx.companies.insert(company);
          await tx.connections.insert(connection);
          await tx.webhookConsumers.insert(consumer);
          throw failure;
        }),
      ).rejects.toBe(failure);

      expect(await store.companies.findById(client.id, company.id)).toBeUndefined();
      expect(await store.connections.findById(client.id, company.id, connection.id)).toBeUndefined();
      expect(await store.webhookConsumers.findById(client.id, consumer.id)).toBeUndefined();
      expect((await store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=rolled-back') })).total).toBe(0);
    });

    it('rolls back earlier writes when a later statement violates a constraint', async () => {
      const company = buildCompany(client.id);
      const first = buildConnection(company, { sourceType: 'Accounting', status: 'Linked' });
      const second = buildConnection(company, { sourceType: 'Accounting', status: 'Linked' });
      await expectUniqueViolation(
        dialect,
        store.transaction(async (tx) => {
          await tx.companies.insert(company);
          await tx.connections.insert(first);
          await tx.connections.insert(second);
        }),
      );
      expect(await store.companies.findById(client.id, company.id)).toBeUndefined();
      expect(await store.connections.findById(client.id, company.id, first.id)).toBeUndefined();
    });

    it('rolls back updates and deletes too', async () => {
      const company = await seedCompany(client.id, { name: 'Stable Ltd', tags: { uid: 'stable' } });
      const consumer = buildWebhookConsumer(client.id);
      await store.webhookConsumers.insert(consumer);
      await expect(
        store.transaction(async (tx) => {
          await tx.companies.update({ ...company, name: 'Changed Ltd', tags: { uid: 'changed' }, modified: at(9) });
          expect(await tx.webhookConsumers.delete(client.id, consumer.id)).toBe(true);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.companies.findById(client.id, company.id)).toEqual(company);
      expect((await store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=stable') })).items.map((c) => c.id)).toEqual([company.id]);
      expect(await store.webhookConsumers.findById(client.id, consumer.id)).toEqual(consumer);
    });

    it('a nested transaction joins the outer one: it sees its writes and is rolled back with it', async () => {
      const outer = buildCompany(client.id, { name: 'Outer Ltd' });
      const inner = buildCompany(client.id, { name: 'Inner Ltd' });
      await expect(
        store.transaction(async (tx) => {
          await tx.companies.insert(outer);
          const seen = await tx.transaction(async (nested) => {
            await nested.companies.insert(inner);
            return nested.companies.findById(client.id, outer.id);
          });
          expect(seen).toEqual(outer);
          expect(await tx.companies.findById(client.id, inner.id)).toEqual(inner);
          throw new Error('abort outer');
        }),
      ).rejects.toThrow('abort outer');
      expect(await store.companies.findById(client.id, outer.id)).toBeUndefined();
      expect(await store.companies.findById(client.id, inner.id)).toBeUndefined();
    });

    it('a nested transaction is not a savepoint: its writes commit with the outer one even if it threw', async () => {
      const inner = buildCompany(client.id, { name: 'Inner Kept Ltd' });
      await store.transaction(async (tx) => {
        await expect(
          tx.transaction(async (nested) => {
            await nested.companies.insert(inner);
            throw new Error('inner failure');
          }),
        ).rejects.toThrow('inner failure');
      });
      expect(await store.companies.findById(client.id, inner.id)).toEqual(inner);
    });
  });
});
