/**
 * The Portal's API keys over HTTP, on both databases: a key made in the Portal authenticates the
 * public API with the header the Portal hands out, and stops at once when revoked; viewers
 * read but never change; another client's key is not there; bad input is a 400 naming the field;
 * the per-client limit is a 409 that says what to do.
 */
import { describe, expect, it } from 'vitest';
import { MAX_API_KEYS_PER_CLIENT } from '../../src/domain/client.js';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { signInAsAdmin, staffUser } from '../support/portal-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Portal API keys on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  const companiesWith = (authorization: string) => fetch(`${doorway.url}/companies`, { headers: { Authorization: authorization } });

  it('creates a key, shown once with its Authorization header, that the public API accepts until it is revoked', async () => {
    const developer = await staffUser(doorway, 'developer');
    const created = await developer.post('/api-keys', { name: 'Billing service' });
    expect(created.status).toBe(201);
    const { key, apiKey, authorizationHeader } = created.json;
    expect(authorizationHeader).toBe(`Basic ${Buffer.from(apiKey).toString('base64')}`);
    expect(key).toMatchObject({ name: 'Billing service', hint: `****${apiKey.slice(-4)}` });

    const listed = await developer.get('/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.json.limit).toBe(MAX_API_KEYS_PER_CLIENT);
    const row = listed.json.results.find((item: { id: string }) => item.id === key.id);
    expect(row).toEqual(key);
    expect(JSON.stringify(listed.json)).not.toContain(apiKey);

    expect((await companiesWith(authorizationHeader)).status).toBe(200);
    // The public API sees the same key, because the Portal used the same use-case.
    const publicList = await doorway.api('GET', '/apiKeys');
    expect(publicList.json.results.some((item: { id: string }) => item.id === key.id)).toBe(true);

    expect((await developer.del(`/api-keys/${key.id}`)).status).toBe(204);
    expect((await companiesWith(authorizationHeader)).status).toBe(401);
    expect((await developer.del(`/api-keys/${key.id}`)).status).toBe(404);
  });

  it('lets a viewer read the keys but refuses every change with 403', async () => {
    const admin = await signInAsAdmin(doorway);
    const made = (await admin.post('/api-keys', { name: 'Kept' })).json.key as { id: string };
    const viewer = await staffUser(doorway, 'viewer');
    expect((await viewer.get('/api-keys')).status).toBe(200);
    const create = await viewer.post('/api-keys', { name: 'Nope' });
    expect(create.status).toBe(403);
    expect(create.json.error.code).toBe('FORBIDDEN');
    expect((await viewer.del(`/api-keys/${made.id}`)).status).toBe(403);
    // Refused before the body is even read.
    expect((await viewer.post('/api-keys', { name: 5 })).status).toBe(403);
    expect((await admin.get('/api-keys')).json.results.some((item: { id: string }) => item.id === made.id)).toBe(true);
    await admin.del(`/api-keys/${made.id}`);
  });

  it("never shows or revokes another client's keys", async () => {
    const other = await createClient(doorway.runtime.deps, { name: `Other ${dialect} ${Date.now()}` });
    const theirs = (await fetch(`${doorway.url}/apiKeys`, { headers: { Authorization: `Basic ${Buffer.from(other.apiKey).toString('base64')}` } }).then((r) => r.json())) as {
      results: { id: string }[];
    };
    const theirKeyId = theirs.results[0]!.id;
    const admin = await signInAsAdmin(doorway);
    expect((await admin.get('/api-keys')).json.results.some((item: { id: string }) => item.id === theirKeyId)).toBe(false);
    expect((await admin.del(`/api-keys/${theirKeyId}`)).status).toBe(404);
    expect((await companiesWith(`Basic ${Buffer.from(other.apiKey).toString('base64')}`)).status).toBe(200);
    // Their own admin sees it.
    const theirAdmin = await staffUser(doorway, 'admin', other.client.id);
    expect((await theirAdmin.get('/api-keys')).json.results.map((item: { id: string }) => item.id)).toEqual([theirKeyId]);
  });

  it('answers bad input with a 400 naming the field, never a 5xx', async () => {
    const admin = await signInAsAdmin(doorway);
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(51) }, { name: 7 }, { name: ['a'] }]) {
      const result = await admin.post('/api-keys', body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.json.error.fields.name).toBeTruthy();
    }
    expect((await admin.post('/api-keys', 'not an object')).status).toBe(400);
    const notJson = await admin.fetch('/portal/api/api-keys', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrfToken }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await admin.del('/api-keys/not-a-key-id')).status).toBe(404);
    expect((await admin.del(`/api-keys/${encodeURIComponent("' OR 1=1 --")}`)).status).toBe(404);
  });

  it('says what to do at the per-client limit', async () => {
    const other = await createClient(doorway.runtime.deps, { name: `Limited ${dialect} ${Date.now()}` });
    const developer = await staffUser(doorway, 'developer', other.client.id);
    // The client starts with its first key; fill up to the limit.
    for (let index = 1; index < MAX_API_KEYS_PER_CLIENT; index += 1) expect((await developer.post('/api-keys', { name: `Key ${index}` })).status).toBe(201);
    const refused = await developer.post('/api-keys', { name: 'One too many' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/at most 10 API keys/);
    expect((await developer.get('/api-keys')).json.results).toHaveLength(MAX_API_KEYS_PER_CLIENT);
  });
});
