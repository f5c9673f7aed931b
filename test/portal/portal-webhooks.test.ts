/**
 * The Portal's Webhooks API over HTTP, on both databases: consumers made and edited in the
 * Portal are the public API's consumers; the test event is delivered (signed with the secret the
 * Portal reveals) and logged with its attempt; resend and recover queue again; viewers read but
 * never change (nor see the secret); another client's consumer is a 404; bad input is a 400
 * naming the field, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/domain/events.js';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { signInAsAdmin, staffUser, type PortalClient } from '../support/portal-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(TEST_DIALECTS)('Portal webhooks on %s', (dialect) => {
  const webhooks = { worker: 'off' as const, allowPrivateDestinations: true, retryScheduleSeconds: [0, 0], retentionDays: 30, timeoutMs: 2000, concurrency: 4 };
  const doorway = doorwayForSuite({ dialect, webhookWorker: true, config: { webhooks } });
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => receiver?.close());

  const create = (client: PortalClient, body: Record<string, unknown> = {}) =>
    client.post('/webhooks', { url: receiver.url, eventTypes: ['company.created'], ...body });

  it('creates, lists, edits, disables and deletes a consumer, which the public API sees', async () => {
    const developer = await staffUser(doorway, 'developer');
    const created = await create(developer, { companyTags: ['region:uk'] });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ url: receiver.url, eventTypes: ['company.created'], companyTags: ['region:uk'], disabled: false });

    const listed = await developer.get('/webhooks');
    expect(listed.json.eventTypes).toEqual([...EVENT_TYPES]);
    expect(listed.json.results.map((consumer: { id: string }) => consumer.id)).toContain(id);

    const edited = await developer.patch(`/webhooks/${id}`, { url: 'https://hooks.example/in', eventTypes: ['connection.connected', 'company.deleted'], companyTags: null });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ url: 'https://hooks.example/in', eventTypes: ['connection.connected', 'company.deleted'], companyTags: null });
    const disabled = await developer.patch(`/webhooks/${id}`, { disabled: true });
    expect(disabled.json).toMatchObject({ disabled: true, disabledReason: 'Disabled by the client.', url: 'https://hooks.example/in' });
    const publicView = (await doorway.api('GET', '/webhooks')).json.results.find((consumer: { id: string }) => consumer.id === id);
    expect(publicView).toMatchObject({ url: 'https://hooks.example/in', disabled: true, eventTypes: ['connection.connected', 'company.deleted'] });

    expect((await developer.get(`/webhooks/${id}`)).json.disabled).toBe(true);
    expect((await developer.del(`/webhooks/${id}`)).status).toBe(204);
    expect((await developer.get(`/webhooks/${id}`)).status).toBe(404);
  });

  it('delivers a test event signed with the revealed secret, logs its attempt, resends, recovers, and rotates the secret', async () => {
    const developer = await staffUser(doorway, 'developer');
    const id = (await create(developer)).json.id as string;
    const revealed = await developer.post(`/webhooks/${id}/secret/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.json.secret).toBe((await doorway.api('GET', `/webhooks/${id}/secret`)).json.key);
    receiver.secrets.push(revealed.json.secret);

    const test = await developer.post(`/webhooks/${id}/test`);
    expect(test.status).toBe(202);
    expect(test.json).toMatchObject({ eventType: 'webhook.test', status: 'Sending' });
    await receiver.waitFor((received) => received.some((delivery) => delivery.id === test.json.id));
    const log = await until(
      () => developer.get(`/webhooks/${id}/messages`),
      (result) => result.json.results[0]?.status === 'Success',
    );
    expect(log.json).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    const attempts = await developer.get(`/webhooks/${id}/messages/${test.json.id}/attempts`);
    expect(attempts.json.results).toEqual([expect.objectContaining({ statusCode: 200, succeeded: true, response: 'ok' })]);

    // The status filter pages in SQL: nothing failed.
    expect((await developer.get(`/webhooks/${id}/messages?status=Failure`)).json).toMatchObject({ results: [], total: 0 });
    expect((await developer.post(`/webhooks/${id}/messages/${test.json.id}/resend`)).status).toBe(202);
    await until(
      () => developer.get(`/webhooks/${id}/messages/${test.json.id}/attempts`),
      (result) => result.json.results.length === 2,
    );
    const recovered = await developer.post(`/webhooks/${id}/recover`, { since: '2020-01-01T00:00:00Z' });
    expect(recovered).toMatchObject({ status: 202, json: { recovered: 0 } });

    const rotated = await developer.post(`/webhooks/${id}/secret/rotate`);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(revealed.json.secret);
    expect((await developer.post(`/webhooks/${id}/secret/reveal`)).json.secret).toBe(rotated.json.secret);
    await developer.del(`/webhooks/${id}`);
  });

  it('lets a viewer read consumers and their log, but refuses every change and the secret with 403', async () => {
    const admin = await signInAsAdmin(doorway);
    const id = (await create(admin)).json.id as string;
    const message = (await admin.post(`/webhooks/${id}/test`)).json.id as string;
    const viewer = await staffUser(doorway, 'viewer');
    expect((await viewer.get('/webhooks')).status).toBe(200);
    expect((await viewer.get(`/webhooks/${id}`)).status).toBe(200);
    expect((await viewer.get(`/webhooks/${id}/messages`)).status).toBe(200);
    expect((await viewer.get(`/webhooks/${id}/messages/${message}/attempts`)).status).toBe(200);
    const changes: [string, string, unknown?][] = [
      ['POST', '/webhooks', { url: receiver.url, eventTypes: ['company.created'] }],
      ['PATCH', `/webhooks/${id}`, { disabled: true }],
      ['DELETE', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/secret/reveal`],
      ['POST', `/webhooks/${id}/secret/rotate`],
      ['POST', `/webhooks/${id}/messages/${message}/resend`],
      ['POST', `/webhooks/${id}/recover`, { since: '2020-01-01T00:00:00Z' }],
      ['POST', `/webhooks/${id}/test`],
    ];
    for (const [method, path, body] of changes) {
      const result = await viewer.call(method, path, body);
      expect(result.status, `${method} ${path}`).toBe(403);
      expect(result.json.error.code).toBe('FORBIDDEN');
    }
    expect((await admin.get(`/webhooks/${id}`)).json.disabled).toBe(false);
    await admin.del(`/webhooks/${id}`);
  });

  it("answers 404 for another client's consumer and its messages", async () => {
    const other = await createClient(doorway.runtime.deps, { name: `Other hooks ${dialect} ${Date.now()}` });
    const theirs = await staffUser(doorway, 'developer', other.client.id);
    const id = (await create(theirs)).json.id as string;
    const message = (await theirs.post(`/webhooks/${id}/test`)).json.id as string;
    const admin = await signInAsAdmin(doorway);
    expect((await admin.get('/webhooks')).json.results.some((consumer: { id: string }) => consumer.id === id)).toBe(false);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`, { disabled: true }],
      ['DELETE', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/secret/reveal`],
      ['POST', `/webhooks/${id}/secret/rotate`],
      ['GET', `/webhooks/${id}/messages`],
      ['GET', `/webhooks/${id}/messages/${message}/attempts`],
      ['POST', `/webhooks/${id}/messages/${message}/resend`],
      ['POST', `/webhooks/${id}/recover`, { since: '2020-01-01T00:00:00Z' }],
      ['POST', `/webhooks/${id}/test`],
    ];
    for (const [method, path, body] of attempts) expect((await admin.call(method, path, body)).status, `${method} ${path}`).toBe(404);
    expect((await theirs.get(`/webhooks/${id}`)).json.disabled).toBe(false);
  });

  it('answers bad input with a 400 naming the field, never a 5xx', async () => {
    const admin = await signInAsAdmin(doorway);
    const bad: [Record<string, unknown>, string][] = [
      [{ url: '', eventTypes: ['company.created'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['company.created'] }, 'url'],
      [{ url: 'ftp://hooks.example/in', eventTypes: ['company.created'] }, 'url'],
      [{ url: receiver.url, eventTypes: [] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['%%%'] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: 'company.created' }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['company.created'], companyTags: ['no-colon'] }, 'companyTags'],
      [{ url: 5, eventTypes: ['company.created'] }, 'url'],
    ];
    for (const [body, field] of bad) {
      const result = await admin.post('/webhooks', body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(result.json.error.fields).some((name) => name.startsWith(field)), JSON.stringify(result.json)).toBe(true);
    }
    const id = (await create(admin)).json.id as string;
    expect((await admin.patch(`/webhooks/${id}`, { url: 'mailto:x@y.z' })).json.error.fields.url).toBeTruthy();
    expect((await admin.patch(`/webhooks/${id}`, { disabled: 'yes' })).status).toBe(400);
    expect((await admin.post(`/webhooks/${id}/recover`, { since: 'last tuesday' })).json.error.fields.since).toBeTruthy();
    for (const query of ['status=Lost', 'page=0', 'page=x', 'pageSize=1000']) {
      const result = await admin.get(`/webhooks/${id}/messages?${query}`);
      expect(result.status, query).toBe(400);
      expect(result.json.error.fields).toBeTruthy();
    }
    for (const path of ['/webhooks/not-a-uuid', '/webhooks/not-a-uuid/messages', `/webhooks/${id}/messages/msg_nope/attempts`, `/webhooks/${id}/messages/%27%20OR%201%3D1/attempts`]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    expect((await admin.post(`/webhooks/${id}/messages/msg_nope/resend`)).status).toBe(404);
    await admin.del(`/webhooks/${id}`);
  });
});
