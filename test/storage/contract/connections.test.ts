/**
 * ConnectionRepository: round trip, tenancy by client and company, lists, sealed credentials,
 * and the one-Linked-accounting-connection rule the database enforces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import type { Company } from '../../../src/domain/company.js';
import type { Connection } from '../../../src/domain/connection.js';
import type { ListOptions, Page } from '../../../src/storage/ports.js';
import { ALL, at, buildConnection, expectAppError, expectUniqueViolation, newTestId, query, tags } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('connections', (t) => {
  let client: Client;
  let other: Client;
  let company: Company;
  let sibling: Company;

  beforeAll(async () => {
    client = await t.seedClient();
    other = await t.seedClient();
    company = await t.seedCompany(client.id, { name: 'Connected Ltd' });
    sibling = await t.seedCompany(client.id, { name: 'Sibling Ltd' });
  });

  it('inserts and finds a connection with every field round-tripped', async () => {
    const connection = await t.seedConnection(company, {
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
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);
  });

  it('findById is scoped by client and by company', async () => {
    const connection = await t.seedConnection(company);
    expect(await t.store.connections.findById(client.id, sibling.id, connection.id)).toBeUndefined();
    expect(await t.store.connections.findById(other.id, company.id, connection.id)).toBeUndefined();
    expect(await t.store.connections.findById(client.id, company.id, newTestId())).toBeUndefined();
  });

  it("listForCompanies returns the given companies' connections in creation order, and only the client's", async () => {
    const a = await t.seedCompany(client.id);
    const b = await t.seedCompany(client.id);
    const untouched = await t.seedCompany(client.id);
    const b1 = await t.seedConnection(b, { created: at(1) });
    const a1 = await t.seedConnection(a, { created: at(2) });
    const a2 = await t.seedConnection(a, { created: at(3) });
    await t.seedConnection(untouched, { created: at(0) });

    expect((await t.store.connections.listForCompanies(client.id, [a.id, b.id])).map((c) => c.id)).toEqual([b1.id, a1.id, a2.id]);
    expect(await t.store.connections.listForCompanies(client.id, [a.id])).toEqual([a1, a2]);
    expect(await t.store.connections.listForCompanies(client.id, [])).toEqual([]);
    expect(await t.store.connections.listForCompanies(other.id, [a.id, b.id])).toEqual([]);
  });

  it('reads a company with its connections in one go, never across tenants', async () => {
    const company = await t.seedCompany(client.id, { tags: { uid: 'joined' } });
    const lonely = await t.seedCompany(client.id);
    const second = await t.seedConnection(company, { created: at(2), status: 'Linked', connectionInfo: { realmId: '42' } });
    const first = await t.seedConnection(company, { created: at(1) });

    expect(await t.store.companies.findWithConnections(client.id, company.id)).toEqual({ company, connections: [first, second] });
    expect(await t.store.companies.findWithConnections(client.id, lonely.id)).toEqual({ company: lonely, connections: [] });
    expect(await t.store.companies.findWithConnections(other.id, company.id)).toBeUndefined();
    expect(await t.store.companies.findWithConnections(client.id, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  describe('list', () => {
    let listed: Company;
    const byName = new Map<string, Connection>();

    beforeAll(async () => {
      listed = await t.seedCompany(client.id);
      const specs: Array<[label: string, overrides: Partial<Connection>]> = [
        ['xero-linked', { integrationKey: 'xero', sourceType: 'Accounting', status: 'Linked', created: at(10) }],
        ['plaid-pending', { integrationKey: 'plaid', sourceType: 'Banking', status: 'PendingAuth', created: at(20) }],
        ['tl-linked', { integrationKey: 'truelayer', sourceType: 'Banking', status: 'Linked', created: at(30) }],
        ['gbol-unlinked', { integrationKey: 'gbol', sourceType: 'Accounting', status: 'Unlinked', created: at(40) }],
      ];
      for (const [label, overrides] of specs) byName.set(label, await t.seedConnection(listed, overrides));
      // Noise: the same company id is never shared across clients, but another company is.
      await t.seedConnection(sibling, { status: 'Linked', sourceType: 'Banking', created: at(15) });
    });

    const labels = (page: Page<Connection>) => page.items.map((c) => [...byName].find(([, v]) => v.id === c.id)?.[0] ?? c.id);
    const list = (options: Partial<ListOptions>) => t.store.connections.list(client.id, listed.id, { ...ALL, ...options });

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
      expect(await t.store.connections.list(other.id, listed.id, ALL)).toEqual({ items: [], total: 0 });
      const siblingPage = await t.store.connections.list(client.id, sibling.id, { ...ALL, filter: query('status=Linked') });
      expect(siblingPage.items.every((c) => c.companyId === sibling.id)).toBe(true);
      expect(siblingPage.items.map((c) => c.id)).not.toContain(byName.get('xero-linked')?.id);
    });
  });

  it('updates the mutable fields', async () => {
    const connection = await t.seedConnection(company, {
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
    await t.store.connections.update(updated);
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toEqual(updated);
  });

  it("update with another client's id changes nothing", async () => {
    const connection = await t.seedConnection(company, { sourceType: 'Banking', status: 'PendingAuth' });
    await t.store.connections.update({ ...connection, clientId: other.id, status: 'Linked', modified: at(9) });
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);
  });

  it('finds a connection with its sealed credentials in one read, scoped by client and company', async () => {
    const connection = await t.seedConnection(company, { sourceType: 'Banking', status: 'Linked' });
    expect(await t.store.connections.findWithCredentials(client.id, company.id, connection.id)).toEqual({ connection, sealed: null });
    await t.store.connections.saveCredentials(client.id, connection.id, 'sealed-v1');
    expect(await t.store.connections.findWithCredentials(client.id, company.id, connection.id)).toEqual({ connection, sealed: 'sealed-v1' });
    expect(await t.store.connections.findWithCredentials(other.id, company.id, connection.id)).toBeUndefined();
    expect(await t.store.connections.findWithCredentials(client.id, newTestId(), connection.id)).toBeUndefined();
  });

  it('replaces sealed credentials only while Linked and still holding the expected value, scoped by client', async () => {
    const connection = await t.seedConnection(company, { status: 'Linked' });
    await t.store.connections.saveCredentials(client.id, connection.id, 'sealed-v1');
    expect(await t.store.connections.replaceCredentials(client.id, connection.id, 'sealed-v0', 'sealed-x')).toBe(false);
    expect(await t.store.connections.replaceCredentials(other.id, connection.id, 'sealed-v1', 'sealed-x')).toBe(false);
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v1');
    expect(await t.store.connections.replaceCredentials(client.id, connection.id, 'sealed-v1', 'sealed-v2')).toBe(true);
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v2');
    await t.store.connections.update({ ...connection, status: 'Unlinked', modified: at(9) });
    expect(await t.store.connections.replaceCredentials(client.id, connection.id, 'sealed-v2', 'sealed-v3')).toBe(false);
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v2');
  });

  it('saves and reads sealed credentials, scoped by client', async () => {
    const connection = await t.seedConnection(company);
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBeNull();

    await t.store.connections.saveCredentials(client.id, connection.id, 'sealed-v1');
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v1');
    await t.store.connections.saveCredentials(client.id, connection.id, 'sealed-v2');
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v2');

    expect(await t.store.connections.readCredentials(other.id, connection.id)).toBeNull();
    await t.store.connections.saveCredentials(other.id, connection.id, 'forged');
    expect(await t.store.connections.readCredentials(client.id, connection.id)).toBe('sealed-v2');
    expect(await t.store.connections.readCredentials(client.id, newTestId())).toBeNull();

    // Credentials never leak into the domain object.
    expect(Object.values((await t.store.connections.findById(client.id, company.id, connection.id)) ?? {})).not.toContain('sealed-v2');
  });

  it('deletes only with the right client and company, reporting whether it deleted', async () => {
    const connection = await t.seedConnection(company);
    expect(await t.store.connections.delete(other.id, company.id, connection.id)).toBe(false);
    expect(await t.store.connections.delete(client.id, sibling.id, connection.id)).toBe(false);
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);

    expect(await t.store.connections.delete(client.id, company.id, connection.id)).toBe(true);
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toBeUndefined();
    expect(await t.store.connections.delete(client.id, company.id, connection.id)).toBe(false);
  });

  describe('one Linked accounting connection per company', () => {
    it('hasLinkedAccounting sees only Linked Accounting connections of that company and client', async () => {
      const target = await t.seedCompany(client.id);
      await t.seedConnection(target, { sourceType: 'Banking', status: 'Linked' });
      await t.seedConnection(target, { sourceType: 'Accounting', status: 'PendingAuth' });
      await t.seedConnection(target, { sourceType: 'Accounting', status: 'Unlinked' });
      expect(await t.store.connections.hasLinkedAccounting(client.id, target.id)).toBe(false);

      const linked = await t.seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
      expect(await t.store.connections.hasLinkedAccounting(client.id, target.id)).toBe(true);
      expect(await t.store.connections.hasLinkedAccounting(client.id, target.id, linked.id)).toBe(false);
      expect(await t.store.connections.hasLinkedAccounting(client.id, target.id, newTestId())).toBe(true);
      expect(await t.store.connections.hasLinkedAccounting(other.id, target.id)).toBe(false);
      expect(await t.store.connections.hasLinkedAccounting(client.id, sibling.id)).toBe(false);
    });

    it('the database rejects inserting a second Linked Accounting connection', async () => {
      const target = await t.seedCompany(client.id);
      const first = await t.seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
      const second = buildConnection(target, { sourceType: 'Accounting', status: 'Linked', integrationKey: 'xero' });
      await expectUniqueViolation(t.dialect, t.store.connections.insert(second));
      expect(await t.store.connections.findById(client.id, target.id, second.id)).toBeUndefined();
      expect((await t.store.connections.listForCompanies(client.id, [target.id])).map((c) => c.id)).toEqual([first.id]);
    });

    it('the database rejects updating a second Accounting connection to Linked', async () => {
      const target = await t.seedCompany(client.id);
      await t.seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
      const pending = await t.seedConnection(target, { sourceType: 'Accounting', status: 'PendingAuth' });
      await expectUniqueViolation(t.dialect, t.store.connections.update({ ...pending, status: 'Linked', modified: at(9) }));
      expect((await t.store.connections.findById(client.id, target.id, pending.id))?.status).toBe('PendingAuth');
    });

    it('allows relinking once the first is no longer Linked', async () => {
      const target = await t.seedCompany(client.id);
      const first = await t.seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
      const pending = await t.seedConnection(target, { sourceType: 'Accounting', status: 'PendingAuth' });
      await t.store.connections.update({ ...first, status: 'Unlinked' });
      await t.store.connections.update({ ...pending, status: 'Linked' });
      expect((await t.store.connections.findById(client.id, target.id, pending.id))?.status).toBe('Linked');
    });

    it('allows several Linked Banking connections, and Linked Accounting in different companies', async () => {
      const target = await t.seedCompany(client.id);
      const otherCompany = await t.seedCompany(client.id);
      await t.seedConnection(target, { sourceType: 'Banking', status: 'Linked' });
      await t.seedConnection(target, { sourceType: 'Banking', status: 'Linked' });
      await t.seedConnection(target, { sourceType: 'Accounting', status: 'Linked' });
      await t.seedConnection(otherCompany, { sourceType: 'Accounting', status: 'Linked' });
      const page = await t.store.connections.list(client.id, target.id, { ...ALL, filter: query('status=Linked') });
      expect(page.total).toBe(3);
      expect(await t.store.connections.hasLinkedAccounting(client.id, otherCompany.id)).toBe(true);
    });
  });
});
