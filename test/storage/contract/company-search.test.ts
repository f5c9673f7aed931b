/**
 * CompanyRepository.list's Portal options: `search` (a substring of the name or of any tag key or
 * value, any case, Unicode too), `connectionStatus` (a status, or none), the name / created /
 * lastSync orders in both directions (NULL first ascending on both databases), paging with its
 * total, and never another tenant's company.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import { searchTerm } from '../../../src/domain/company-search.js';
import type { Connection } from '../../../src/domain/connection.js';
import type { CompanyListOptions } from '../../../src/storage/ports.js';
import { ALL, at, names } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('company search', (t) => {
  let clientA: Client;

  /** Client B gets the same rows, so a tenant leak shows up as a duplicate name. */
  const SEED: Array<{ name: string; tags: Record<string, string>; lastSync: string | null; connections: Array<Partial<Connection>> }> = [
    { name: 'Acme Ltd', tags: { uid: 'M-1001' }, lastSync: at(30), connections: [{ status: 'Linked' }] },
    { name: 'Bakery Brothers', tags: { region: 'uk' }, lastSync: null, connections: [{ status: 'PendingAuth' }, { status: 'Linked', sourceType: 'Banking' }] },
    { name: 'Cafe Zed', tags: { 'merchant-id': 'ÉCOLE-7' }, lastSync: at(10), connections: [{ status: 'Deauthorized' }] },
    { name: 'Delta Imports', tags: {}, lastSync: null, connections: [] },
    { name: 'Echo Acme', tags: { uid: 'M-2002' }, lastSync: at(20), connections: [{ status: 'Unlinked' }] },
  ];

  beforeAll(async () => {
    clientA = await t.seedClient();
    const clientB = await t.seedClient();
    for (const client of [clientA, clientB]) {
      for (const [index, spec] of SEED.entries()) {
        const company = await t.seedCompany(client.id, { name: spec.name, tags: spec.tags, lastSync: spec.lastSync, created: at(index), modified: at(index) });
        for (const [n, overrides] of spec.connections.entries()) await t.seedConnection(company, { created: at(index * 10 + n), ...overrides });
      }
    }
  });

  async function list(options: Partial<CompanyListOptions>, window: { offset: number; limit: number } = ALL) {
    const page = await t.store.companies.list(clientA.id, { ...window, ...options });
    for (const company of page.items) expect(company.clientId).toBe(clientA.id);
    return page;
  }
  const found = async (text: string) => names(await list({ search: searchTerm(text), orderBy: { field: 'name', descending: false } }));

  it('finds a substring of the name in any case', async () => {
    expect(await found('acme')).toEqual(['Acme Ltd', 'Echo Acme']);
    expect(await found('KERY BRO')).toEqual(['Bakery Brothers']);
    expect(await found('zzz')).toEqual([]);
  });

  it('finds a substring of any tag value or key, Unicode case folded', async () => {
    expect(await found('m-100')).toEqual(['Acme Ltd']);
    expect(await found('M-')).toEqual(['Acme Ltd', 'Echo Acme']);
    expect(await found('école')).toEqual(['Cafe Zed']);
    expect(await found('REGION')).toEqual(['Bakery Brothers']);
  });

  it('never matches across the name and a tag, and treats wildcards literally', async () => {
    expect(await found('Ltd M-1001')).toEqual([]);
    expect(await found('uidM')).toEqual([]);
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
  });

  it('searches what an update wrote, not what the company was created with', async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id, { name: 'Old Name', tags: { uid: 'X-1' } });
    await t.store.companies.update({ ...company, name: 'New Name', tags: { uid: 'Y-2' } });
    const search = async (text: string) => (await t.store.companies.list(client.id, { ...ALL, search: searchTerm(text) })).items.map((c) => c.name);
    expect(await search('old')).toEqual([]);
    expect(await search('x-1')).toEqual([]);
    expect(await search('new')).toEqual(['New Name']);
    expect(await search('y-2')).toEqual(['New Name']);
  });

  it('filters by a connection status, or by having no connection at all', async () => {
    const byStatus = async (connectionStatus: CompanyListOptions['connectionStatus']) => names(await list({ connectionStatus }));
    expect(await byStatus('Linked')).toEqual(['Acme Ltd', 'Bakery Brothers']);
    expect(await byStatus('PendingAuth')).toEqual(['Bakery Brothers']);
    expect(await byStatus('Deauthorized')).toEqual(['Cafe Zed']);
    expect(await byStatus('Unlinked')).toEqual(['Echo Acme']);
    expect(await byStatus('none')).toEqual(['Delta Imports']);
  });

  it('combines the search with the status filter', async () => {
    expect(names(await list({ search: searchTerm('acme'), connectionStatus: 'Unlinked' }))).toEqual(['Echo Acme']);
  });

  it('sorts by name, created and lastSync both ways; never synced comes first ascending on both databases', async () => {
    const sorted = async (field: string, descending: boolean) => names(await list({ orderBy: { field, descending } }));
    const byName = ['Acme Ltd', 'Bakery Brothers', 'Cafe Zed', 'Delta Imports', 'Echo Acme'];
    expect(await sorted('name', false)).toEqual(byName);
    expect(await sorted('name', true)).toEqual([...byName].reverse());
    expect(await sorted('created', true)).toEqual([...byName].reverse());
    // Never synced (Bakery, Delta) ties are broken by creation order.
    const bySync = ['Bakery Brothers', 'Delta Imports', 'Cafe Zed', 'Echo Acme', 'Acme Ltd'];
    expect(await sorted('lastSync', false)).toEqual(bySync);
    expect(await sorted('lastSync', true)).toEqual([...bySync].reverse());
  });

  it('pages with the total of every match, counting when the page is full', async () => {
    const first = await list({ orderBy: { field: 'name', descending: false } }, { offset: 0, limit: 2 });
    expect({ names: names(first), total: first.total }).toEqual({ names: ['Acme Ltd', 'Bakery Brothers'], total: 5 });
    const last = await list({ orderBy: { field: 'name', descending: false } }, { offset: 4, limit: 2 });
    expect({ names: names(last), total: last.total }).toEqual({ names: ['Echo Acme'], total: 5 });
    const filtered = await list({ connectionStatus: 'Linked' }, { offset: 0, limit: 1 });
    expect(filtered.total).toBe(2);
  });
});
