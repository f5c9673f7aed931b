/**
 * The Idempotency-Key header over real HTTP on both databases: a retry gets the first answer
 * without a second write or webhook event, a different body under the key is a 422, a key still
 * in progress a 409 until its lease lapses, a failed request frees its key, keys are per client,
 * and requests without the header behave as before.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { IDEMPOTENCY_LEASE_MS } from '../../src/domain/idempotency.js';
import { idempotentRequestHash } from '../../src/http/middleware/idempotency.js';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { basicAuth, startDoorway, type RunningDoorway } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Idempotency-Key over HTTP on %s', (dialect) => {
  let doorway: RunningDoorway;
  let otherAuth: string;
  let skewMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + skewMs) };

  beforeAll(async () => {
    doorway = await startDoorway({ dialect, clock });
    otherAuth = basicAuth((await createClient(doorway.runtime.deps, { name: 'Other Lender' })).apiKey);
  });
  afterAll(async () => doorway?.close());

  async function post(path: string, body: string, key?: string, auth = doorway.authHeader) {
    const headers: Record<string, string> = { Authorization: auth, 'Content-Type': 'application/json' };
    if (key !== undefined) headers['Idempotency-Key'] = key;
    const response = await fetch(`${doorway.url}${path}`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, replayed: response.headers.get('idempotent-replayed'), json: text ? (JSON.parse(text) as Record<string, any>) : {} };
  }

  const companiesNamed = async (name: string) =>
    (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM companies WHERE name = ${name}`.execute(doorway.runtime.database.db)).rows[0]!.n;
  const createdEvents = async (name: string) =>
    (
      await sql<{ n: number }>`SELECT COUNT(*) AS n FROM webhook_events e JOIN companies c ON c.id = e.company_id WHERE e.event_type = 'company.created' AND c.name = ${name}`.execute(
        doorway.runtime.database.db,
      )
    ).rows[0]!.n;

  it('answers a retry with the first status and body, without a second company or event', async () => {
    const name = `Retry ${randomUUID()}`;
    const body = JSON.stringify({ name });
    const key = randomUUID();
    const first = await post('/companies', body, key);
    expect(first.status).toBe(200);
    expect(first.replayed).toBeNull();
    const retry = await post('/companies', body, key);
    expect(retry).toMatchObject({ status: 200, text: first.text, replayed: 'true' });
    expect(Number(await companiesNamed(name))).toBe(1);
    expect(Number(await createdEvents(name))).toBe(1);
  });

  it('replays other POSTs too, with their own status (201 for a webhook consumer)', async () => {
    const body = JSON.stringify({ url: 'https://receiver.example/hooks', eventTypes: ['company.created'] });
    const key = randomUUID();
    const first = await post('/webhooks', body, key);
    expect(first.status).toBe(201);
    expect(await post('/webhooks', body, key)).toMatchObject({ status: 201, text: first.text, replayed: 'true' });
  });

  it('refuses the same key with a different body (422), or on another path, in the error envelope', async () => {
    const key = randomUUID();
    expect((await post('/companies', JSON.stringify({ name: `A ${key}` }), key)).status).toBe(200);
    const other = await post('/companies', JSON.stringify({ name: `B ${key}` }), key);
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ statusCode: 422, service: 'PublicApi', error: expect.stringMatching(/different request/) });
    expect((await post('/webhooks', JSON.stringify({ url: 'https://receiver.example/x' }), key)).status).toBe(422);
    expect(Number(await companiesNamed(`B ${key}`))).toBe(0);
  });

  it('answers 409 while the first request still runs, and runs the retry once its lease has lapsed', async () => {
    const name = `Running ${randomUUID()}`;
    const body = JSON.stringify({ name });
    const key = randomUUID();
    // The first request, still running in some process: its claim is in the database.
    const now = clock.now();
    await doorway.runtime.deps.store.idempotencyKeys.claim(
      {
        clientId: doorway.runtime.defaultClient.client.id, key, requestHash: idempotentRequestHash('/companies', body), status: 'in-progress',
        responseStatus: null, responseBody: null, created: now.toISOString(), expires: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS).toISOString(),
      },
      now.toISOString(),
    );
    const busy = await post('/companies', body, key);
    expect(busy.status).toBe(409);
    expect(busy.json).toMatchObject({ statusCode: 409, service: 'PublicApi', error: expect.stringMatching(/still being processed/) });
    expect(Number(await companiesNamed(name))).toBe(0);

    skewMs += IDEMPOTENCY_LEASE_MS + 1000; // that process died: its lease lapses
    const retry = await post('/companies', body, key);
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBeNull();
    expect(Number(await companiesNamed(name))).toBe(1);
  });

  it('writes once when the same keyed request arrives many times at once', async () => {
    const name = `Burst ${randomUUID()}`;
    const body = JSON.stringify({ name });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/companies', body, key)));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    expect(new Set(ok.map((a) => a.text)).size).toBe(1);
    expect(Number(await companiesNamed(name))).toBe(1);
    expect(Number(await createdEvents(name))).toBe(1);
  });

  it('frees the key of a failed request: a retry runs again', async () => {
    const key = randomUUID();
    const invalid = await post('/companies', JSON.stringify({ name: 42 }), key);
    expect(invalid.status).toBe(400);
    const malformed = await post('/companies', '{"name": ', key);
    expect(malformed.json).toMatchObject({ statusCode: 400, error: 'Malformed JSON in request body.' });
    const name = `Fixed ${key}`;
    expect((await post('/companies', JSON.stringify({ name }), key)).status).toBe(200);

    const missing = `/companies/${randomUUID()}/connections`;
    const notFound = await post(missing, JSON.stringify({ platformKey: 'mqjo' }), 'k-404');
    expect(notFound.status).toBe(404);
    expect(await post(missing, JSON.stringify({ platformKey: 'mqjo' }), 'k-404')).toMatchObject({ status: 404, replayed: null });
  });

  it('keeps keys per client', async () => {
    const key = randomUUID();
    const name = `Shared key ${key}`;
    const mine = await post('/companies', JSON.stringify({ name }), key);
    const theirs = await post('/companies', JSON.stringify({ name }), key, otherAuth);
    expect([mine.status, theirs.status, theirs.replayed]).toEqual([200, 200, null]);
    expect(theirs.json.id).not.toBe(mine.json.id);
  });

  it('rejects a malformed key with 400, and without the header every POST writes', async () => {
    const invalid = await post('/companies', JSON.stringify({ name: 'x' }), 'k'.repeat(256));
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ statusCode: 400, error: expect.stringMatching(/Idempotency-Key/) });
    const name = `No key ${randomUUID()}`;
    const body = JSON.stringify({ name });
    const [a, b] = [await post('/companies', body), await post('/companies', body)];
    expect([a.status, b.status, a.replayed, b.replayed]).toEqual([200, 200, null, null]);
    expect(Number(await companiesNamed(name))).toBe(2);
  });
});

describe('Idempotency-Key in the OpenAPI document', () => {
  let doorway: RunningDoorway;
  beforeAll(async () => {
    doorway = await startDoorway();
  });
  afterAll(async () => doorway?.close());

  it('is one shared header parameter that every POST operation references, with its 409 and 422', async () => {
    const document = (await (await fetch(`${doorway.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: unknown[]; responses: Record<string, unknown> }>>;
      components: { parameters: Record<string, { name: string; in: string }> };
    };
    expect(document.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const posts = Object.entries(document.paths).flatMap(([path, item]) => (item.post ? [[path, item.post] as const] : []));
    // The proxy is not Doorway's write: an Idempotency-Key sent to it is the platform's (forwarded as is).
    const apiPosts = posts.filter(([path]) => !path.startsWith('/link/') && !path.includes('/proxy/'));
    expect(apiPosts.length).toBeGreaterThanOrEqual(9);
    for (const [path, operation] of apiPosts) {
      expect(operation.parameters, path).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      expect(Object.keys(operation.responses), path).toEqual(expect.arrayContaining(['409', '422']));
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of ['get', 'put', 'patch', 'delete']) {
        expect(item[method]?.parameters ?? [], `${method} ${path}`).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      }
    }
    // The readable reference resolves the shared parameter.
    const page = await (await fetch(`${doorway.url}/docs`)).text();
    const createCompany = page.slice(page.indexOf('id="create-company"'), page.indexOf('</section>', page.indexOf('id="create-company"')));
    expect(createCompany).toContain('<code>Idempotency-Key</code> <small>header</small>');
  });
});
