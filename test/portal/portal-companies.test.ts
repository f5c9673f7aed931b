/**
 * The Portal's Companies and Company API over HTTP, on both databases: the table's search,
 * status filter, sort and paging; create with field errors; the detail with token health and
 * connection URLs; edit, unlink, delete and the event history; a viewer refused every change
 * (403); another client's company unknown (404); bad input a 400, never a 5xx.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { signInAsAdmin, staffUser } from '../support/portal-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Portal companies on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  async function company(name: string, tags: Record<string, string> = {}, platforms: string[] = []) {
    const created = (await doorway.api('POST', '/companies', { name, tags })).json as { id: string };
    for (const platformKey of platforms) await doorway.api('POST', `/companies/${created.id}/connections`, { platformKey });
    return created.id;
  }

  it('searches names and tags, filters by connection status, sorts and pages with a total', async () => {
    const admin = await signInAsAdmin(doorway);
    const tag = `run-${Date.now()}`;
    await company(`Zeta Search ${tag}`, { uid: 'M-771', batch: tag }, ['mqjo']);
    await company(`Alpha Search ${tag}`, { batch: tag });
    await company(`Mid Search ${tag}`, { batch: tag, region: 'Région-Nord' }, ['mqjo']);

    const found = await admin.get(`/companies?search=${encodeURIComponent(tag.toUpperCase())}&sort=name&order=asc`);
    expect(found.status).toBe(200);
    expect(found.json.items.map((row: { name: string }) => row.name)).toEqual([`Alpha Search ${tag}`, `Mid Search ${tag}`, `Zeta Search ${tag}`]);
    expect(found.json.total).toBe(3);
    expect((await admin.get(`/companies?search=m-77`)).json.items.map((row: { name: string }) => row.name)).toEqual([`Zeta Search ${tag}`]);
    expect((await admin.get(`/companies?search=${encodeURIComponent('région')}`)).json.total).toBe(1);

    const pending = await admin.get(`/companies?search=${tag}&status=PendingAuth&sort=name&order=desc`);
    expect(pending.json.items.map((row: { name: string }) => row.name)).toEqual([`Zeta Search ${tag}`, `Mid Search ${tag}`]);
    const row = pending.json.items[0];
    expect(row.summary).toEqual({ PendingAuth: 1, Linked: 0, Unlinked: 0, Deauthorized: 0 });
    expect(row.linkUrl).toBe(`${doorway.url}/link/company/${row.id}`);
    expect(row.connections[0]).toMatchObject({ platformKey: 'mqjo', platformName: 'Sandbox', status: 'PendingAuth', needsAttention: true });
    expect(row.connections[0].linkUrl).toBe(`${doorway.url}/link/companies/${row.id}/connections/${row.connections[0].id}/start`);
    expect((await admin.get(`/companies?search=${tag}&status=none`)).json.items.map((r: { name: string }) => r.name)).toEqual([`Alpha Search ${tag}`]);

    const secondPage = await admin.get(`/companies?search=${tag}&sort=name&order=asc&page=2&pageSize=2`);
    expect({ names: secondPage.json.items.map((r: { name: string }) => r.name), total: secondPage.json.total, page: secondPage.json.page }).toEqual({
      names: [`Zeta Search ${tag}`],
      total: 3,
      page: 2,
    });
  });

  it('answers bad list parameters with a 400 that says what is wrong', async () => {
    const admin = await signInAsAdmin(doorway);
    for (const query of ['status=Sleeping', 'sort=colour', 'order=up', 'page=0', 'page=two', 'pageSize=1000', `search=${'x'.repeat(201)}`]) {
      const result = await admin.get(`/companies?${query}`);
      expect(result.status, query).toBe(400);
      expect(result.json.error.message, query).toMatch(/\w/);
    }
  });

  it('creates a company, keeping field errors apart, and shows it with its connections and token health', async () => {
    const admin = await signInAsAdmin(doorway);
    const refused = await admin.post('/companies', { name: '((()))', tags: { uid: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toHaveProperty('name');
    const tooMany = await admin.post('/companies', { name: 'Tags Ltd', tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.fields).toHaveProperty('tags');
    expect((await admin.post('/companies', { name: 42 })).json.error.fields).toHaveProperty('name');

    const created = await admin.post('/companies', { name: 'Portal Made Ltd', description: 'From the Portal', tags: { uid: 'P-1' } });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    await doorway.api('POST', `/companies/${id}/connections`, { platformKey: 'mqjo' });
    const detail = await admin.get(`/companies/${id}`);
    expect(detail.json).toMatchObject({ name: 'Portal Made Ltd', description: 'From the Portal', tags: { uid: 'P-1' }, summary: { PendingAuth: 1 } });
    expect(detail.json.connections[0]).toMatchObject({ status: 'PendingAuth', tokenHealth: null, dataConnectionErrors: [] });
    // Codat's API shows who made it: the signed-in user.
    expect((await doorway.api('GET', `/companies/${id}`)).json.createdByUserName).toBe(admin.session!.user.email);
  });

  it("edits tags and description, unlinks and deletes connections, and pages the company's events newest first", async () => {
    const admin = await signInAsAdmin(doorway);
    const id = await company('History Ltd', {}, ['mqjo']);
    const edited = await admin.patch(`/companies/${id}`, { description: 'Bakery', tags: { uid: 'H-9' } });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ description: 'Bakery', tags: { uid: 'H-9' } });
    const detail = await admin.get(`/companies/${id}`);
    const connectionId = detail.json.connections[0].id as string;
    // A PendingAuth connection cannot be unlinked: a clear 4xx, not a 5xx.
    const unlink = await admin.post(`/companies/${id}/connections/${connectionId}/unlink`);
    expect(unlink.status).toBeGreaterThanOrEqual(400);
    expect(unlink.status).toBeLessThan(500);
    expect((await admin.del(`/companies/${id}/connections/${connectionId}`)).status).toBe(204);

    const events = await admin.get(`/companies/${id}/events?pageSize=2`);
    expect(events.status).toBe(200);
    expect(events.json.total).toBeGreaterThanOrEqual(3);
    expect(events.json.items).toHaveLength(2);
    expect(events.json.items[0].created >= events.json.items[1].created).toBe(true);
    expect(events.json.items.map((e: { eventType: string }) => e.eventType)).toContain('connection.deleted');
    expect((await admin.get(`/companies/${id}/events?pageSize=500`)).status).toBe(400);

    expect((await admin.del(`/companies/${id}`)).status).toBe(204);
    expect((await admin.get(`/companies/${id}`)).status).toBe(404);
  });

  it('lets a viewer read everything and change nothing (403)', async () => {
    const viewer = await staffUser(doorway, 'viewer');
    const id = await company('Viewer Sees Ltd', {}, ['mqjo']);
    expect((await viewer.get(`/companies?search=viewer sees`)).json.total).toBe(1);
    expect((await viewer.get(`/companies/${id}`)).status).toBe(200);
    expect((await viewer.get(`/companies/${id}/events`)).status).toBe(200);
    const connectionId = (await viewer.get(`/companies/${id}`)).json.connections[0].id as string;
    const attempts = [
      await viewer.post('/companies', { name: 'Not Allowed' }),
      await viewer.patch(`/companies/${id}`, { description: 'no' }),
      await viewer.del(`/companies/${id}`),
      await viewer.post(`/companies/${id}/connections/${connectionId}/unlink`),
      await viewer.del(`/companies/${id}/connections/${connectionId}`),
    ];
    expect(attempts.map((attempt) => attempt.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await doorway.api('GET', `/companies/${id}`)).json.dataConnections).toHaveLength(1);
  });

  it("never shows or changes another client's company: 404 everywhere", async () => {
    const { client } = await createClient(doorway.runtime.deps, { name: 'Other Lender' });
    const stranger = await staffUser(doorway, 'admin', client.id);
    const id = await company('Private Ltd', { uid: 'SECRET-1' }, ['mqjo']);
    const connectionId = ((await doorway.api('GET', `/companies/${id}`)).json.dataConnections[0] as { id: string }).id;
    expect((await stranger.get('/companies?search=secret-1')).json.total).toBe(0);
    const attempts = [
      await stranger.get(`/companies/${id}`),
      await stranger.get(`/companies/${id}/events`),
      await stranger.patch(`/companies/${id}`, { description: 'mine now' }),
      await stranger.del(`/companies/${id}/connections/${connectionId}`),
      await stranger.post(`/companies/${id}/connections/${connectionId}/unlink`),
      await stranger.del(`/companies/${id}`),
    ];
    expect(attempts.map((attempt) => attempt.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect((await doorway.api('GET', `/companies/${id}`)).json.description).toBeUndefined();
  });

  it('answers malformed ids and bodies with 4xx, never 5xx', async () => {
    const admin = await signInAsAdmin(doorway);
    for (const path of ['/companies/not-a-uuid', '/companies/not-a-uuid/events']) expect((await admin.get(path)).status, path).toBe(404);
    // Text no database can store is refused before any route (U+0000).
    expect((await admin.get('/companies/%00')).status).toBe(400);
    expect((await admin.call('POST', '/companies', 'not json', { 'Content-Type': 'application/json' })).status).toBe(400);
    expect((await admin.post('/companies', [1, 2])).status).toBe(400);
    expect((await admin.patch('/companies/not-a-uuid', { tags: 'x' })).status).toBe(400);
  });
});
