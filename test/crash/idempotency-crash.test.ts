/**
 * An idempotent create survives SIGKILL between its commit and its answer. A real Doorway
 * process (the compiled server) runs with DOORWAY_FAULT_INJECTION=kill-after-idempotent-commit,
 * so it SIGKILLs itself right after committing a POST /companies that carries an Idempotency-Key
 * and before writing the response: the client sees the connection drop, exactly as after a
 * timeout. A restarted process (no fault injection) answers the retry with the same key from the
 * stored record: there is exactly one company and one company.created event (its outbox message
 * for a subscribed consumer), on SQLite and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, baseEnv, CRASH_API_KEY } from '../support/crash-harness.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/databases.js';
import { buildDoorway, DoorwayFleet, freePort } from '../support/doorway-processes.js';

beforeAll(() => {
  buildDoorway();
}, 120_000);

describe.each(TEST_DIALECTS)('an Idempotency-Key retry after SIGKILL between commit and answer on %s', (dialect) => {
  let fleet: DoorwayFleet | undefined;
  let database: TestDatabase | undefined;

  afterAll(async () => {
    await fleet?.dispose();
    await database?.drop();
  });

  it('finds the committed company and answers the retry with it: one company, one company.created', async () => {
    database = await createTestDatabase(dialect);
    const url = database.config.kind === 'sqlite' ? `sqlite:${database.config.filename}` : database.config.connectionString;
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    fleet = new DoorwayFleet({ ...baseEnv(port, database.dataDir, url), WEBHOOK_WORKER: 'off' });
    const api = apiClient(baseUrl);
    const createWithKey = (body: string, key: string) =>
      fetch(`${baseUrl}/companies`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(CRASH_API_KEY).toString('base64')}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body,
        signal: AbortSignal.timeout(15_000),
      });

    const doomed = fleet.start('serve', 'serve', { DOORWAY_FAULT_INJECTION: 'kill-after-idempotent-commit' });
    await fleet.waitForHealthy('serve', baseUrl);
    // A consumer of company.created: every such event leaves one message in its outbox.
    const consumer = await api('POST', '/webhooks', { url: 'http://127.0.0.1:9/never-delivered', eventTypes: ['company.created'] });
    expect(consumer.status).toBe(201);

    const name = `Crash ${randomUUID()}`;
    const body = JSON.stringify({ name });
    const key = randomUUID();
    await expect(createWithKey(body, key), 'the connection drops: no answer after the commit').rejects.toThrow();
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

    fleet.start('serve', 'serve');
    await fleet.waitForHealthy('serve', baseUrl);
    const retry = await createWithKey(body, key);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const company = (await retry.json()) as { id: string; name: string };
    expect(company.name).toBe(name);

    const found = await api('GET', `/companies?query=${encodeURIComponent(`name=${name}`)}`);
    expect(found.status).toBe(200);
    expect((found.json.results as Array<{ id: string }>).map((c) => c.id)).toEqual([company.id]);
    const messages = await api('GET', `/webhooks/${consumer.json.id}/messages`);
    expect(messages.status).toBe(200);
    expect(messages.json.totalResults).toBe(1);

    // And the restarted process, without fault injection, answers a new keyed create normally.
    const next = await createWithKey(JSON.stringify({ name: `${name} 2` }), randomUUID());
    expect([next.status, next.headers.get('idempotent-replayed')]).toEqual([200, null]);
    expect(fleet.get('serve').running()).toBe(true);
  }, 90_000);
});
