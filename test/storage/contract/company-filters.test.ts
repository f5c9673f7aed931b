/**
 * CompanyRepository.list's filters: Codat's query language and the tags filter, on company
 * properties, tags and data connections, never across tenants.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Client } from '../../../src/domain/client.js';
import type { Connection } from '../../../src/domain/connection.js';
import { ALL, at, expectAppError, query, tags, names } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('company filters', (t) => {
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
    clientA = await t.seedClient();
    clientB = await t.seedClient();
    for (const client of [clientA, clientB]) {
      for (const [index, spec] of SEED.entries()) {
        const company = await t.seedCompany(client.id, {
          name: spec.name,
          description: spec.description,
          tags: spec.tags,
          created: spec.created,
          modified: spec.created,
        });
        if (client === clientA) idsA.set(spec.name, company.id);
        for (const [n, overrides] of spec.connections.entries()) {
          await t.seedConnection(company, { created: at(index * 10 + n), ...overrides });
        }
      }
    }
  });

  /** Client A's matches (names, creation order), asserting total agrees and no B row leaked. */
  async function match(filterText: string | undefined, tagsText?: string): Promise<string[]> {
    const page = await t.store.companies.list(clientA.id, {
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
      const client = await t.seedClient();
      const ecole = await t.seedCompany(client.id, { name: 'École Lyon' });
      await t.seedCompany(client.id, { name: 'Ecole Paris' });
      for (const text of ['name~école', 'name~ÉCOLE', 'name~École']) {
        const page = await t.store.companies.list(client.id, { ...ALL, filter: query(text) });
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
    const refuse = (text: string, message?: RegExp) => expectAppError(t.store.companies.list(clientA.id, { ...ALL, filter: query(text) }), 400, message);

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
    const page = await t.store.companies.list(clientB.id, { ...ALL, filter: query('dataConnections.status=Linked'), tagsFilter: tags('region~u') });
    expect(names(page)).toEqual(['Acme Ltd', 'acme holdings']);
    expect(page.total).toBe(2);
    for (const company of page.items) expect(company.clientId).toBe(clientB.id);
    expect(page.items.map((company) => company.id)).not.toContain(idsA.get('Acme Ltd'));
  });
});
