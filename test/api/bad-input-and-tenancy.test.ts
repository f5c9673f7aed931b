/**
 * Bad input never produces a 5xx and never crosses tenants: raw HTTP against a running Doorway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import { basicAuth, startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('Codat API over HTTP on %s', (dialect) => {
  let doorway: RunningDoorway;
  let otherAuth: string;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect, config: { maxBodyBytes: 4096 } });
    const other = await createClient(doorway.runtime.deps, { name: 'Other Lender' });
    otherAuth = basicAuth(other.apiKey);
  });
  afterAll(async () => doorway?.close());

  async function call(method: string, path: string, init: { body?: string; auth?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.auth !== null) headers.Authorization = init.auth ?? doorway.authHeader;
    if (init.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${doorway.url}${path}`, { method, headers, body: init.body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  function expectEnvelope(result: Awaited<ReturnType<typeof call>>, status: number, message?: RegExp) {
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ statusCode: status, service: 'PublicApi', canBeRetried: expect.any(String) });
    expect(result.body?.correlationId).toBe(result.headers.get('x-correlation-id'));
    if (message) expect(String(result.body?.error)).toMatch(message);
  }

  describe('error envelope', () => {
    it('answers malformed JSON with 400', async () => {
      expectEnvelope(await call('POST', '/companies', { body: '{"name": ' }), 400, /Malformed JSON/);
    });

    it('answers wrong types with 400 naming the field', async () => {
      const result = await call('POST', '/companies', { body: JSON.stringify({ name: 42, tags: { a: 1 } }) });
      expectEnvelope(result, 400, /name/);
      expect((result.body?.validation as { errors: { itemId: string }[] }).errors.map((e) => e.itemId)).toEqual(
        expect.arrayContaining(['name', 'tags.a']),
      );
    });

    it('answers an oversize body with 413', async () => {
      expectEnvelope(await call('POST', '/companies', { body: JSON.stringify({ name: 'x'.repeat(10_000) }) }), 413, /exceeds/);
    });

    it('answers an oversize chunked body (no Content-Length) with 413', async () => {
      const chunk = new TextEncoder().encode(JSON.stringify({ name: 'x'.repeat(8_000) }));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      });
      const response = await fetch(`${doorway.url}/companies`, {
        method: 'POST',
        headers: { Authorization: doorway.authHeader, 'Content-Type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { statusCode: number }).statusCode).toBe(413);
    });

    it('answers a missing, malformed or unknown API key with 401', async () => {
      expectEnvelope(await call('GET', '/companies', { auth: null }), 401, /Unauthorized/);
      expectEnvelope(await call('GET', '/companies', { auth: 'Bearer abc' }), 401);
      expectEnvelope(await call('GET', '/companies', { auth: 'Basic !!!' }), 401);
      expectEnvelope(await call('GET', '/companies', { auth: basicAuth('nope-nope-nope-nope') }), 401);
    });

    it('answers unknown routes and non-UUID ids with 404', async () => {
      expectEnvelope(await call('GET', '/nothing-here'), 404);
      expectEnvelope(await call('GET', '/companies/not-a-uuid'), 404, /No company was found/);
      expectEnvelope(await call('GET', '/companies/not-a-uuid/connections/also-not'), 404);
    });

    it('keeps the caller correlation id when it is sane', async () => {
      const result = await call('GET', '/companies/nope', { headers: { 'X-Correlation-Id': 'caller-chosen-id-123' } });
      expect(result.body?.correlationId).toBe('caller-chosen-id-123');
    });

    it('rejects unlink with extra fields and unknown statuses', async () => {
      const company = await call('POST', '/companies', { body: JSON.stringify({ name: 'Unlink Co' }) });
      const companyId = String(company.body?.id);
      const connection = await call('POST', `/companies/${companyId}/connections`, { body: JSON.stringify({ platformKey: 'mqjo' }) });
      const path = `/companies/${companyId}/connections/${String(connection.body?.id)}`;
      expectEnvelope(await call('PATCH', path, { body: JSON.stringify({ status: 'Unlinked', extra: 1 }) }), 400);
      expectEnvelope(await call('PATCH', path, { body: JSON.stringify({ status: 'Gone' }) }), 400);
      expectEnvelope(await call('PUT', `${path}/authorization`, { body: JSON.stringify({}) }), 400, /at least one/);
      expectEnvelope(await call('PUT', `${path}/authorization`, { body: JSON.stringify({ token: 5 }) }), 400);
    });

    it('never answers 5xx to a batch of hostile inputs', async () => {
      const hostile = [
        ['GET', '/companies?page=0'],
        ['GET', '/companies?page=abc'],
        ['GET', '/companies?pageSize=-1'],
        ['GET', `/companies?query=${encodeURIComponent('x'.repeat(3000))}`],
        ['GET', `/companies?query=${encodeURIComponent('{'.repeat(50))}`],
        ['GET', '/companies?orderBy=password'],
        ['GET', `/companies?tags=${encodeURIComponent('a>1')}`],
        ['GET', '/integrations?orderBy=nope'],
        ['GET', '/integrations?query=enabled%3Dmaybe'],
        ['POST', '/companies', '[]'],
        ['POST', '/companies', 'null'],
        ['POST', '/companies', '"text"'],
        ['POST', '/webhooks', JSON.stringify({ url: 'ftp://x', eventTypes: ['a'] })],
        ['PUT', '/profile', JSON.stringify({ name: '', redirectUrl: '' })],
        ['POST', '/corsSettings', JSON.stringify({ allowedOrigins: ['javascript:alert(1)'] })],
        ['PUT', '/integrations/gbol/settings', JSON.stringify({ enabled: true })],
        ['PUT', '/integrations/zzzz/settings', JSON.stringify({ enabled: true })],
        ['DELETE', '/apiKeys/unknown'],
        ['DELETE', '/webhooks/unknown'],
      ] as const;
      for (const [method, path, body] of hostile) {
        const result = await call(method, path, body === undefined ? {} : { body });
        expect(result.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(result.status, `${method} ${path}`).toBeLessThan(500);
        expect(result.body?.statusCode).toBe(result.status);
      }
      // An injection attempt is just a name that matches nothing: values are bound parameters.
      const injection = await call('GET', `/companies?query=${encodeURIComponent("name=';DROP TABLE companies;--")}`);
      expect(injection.status).toBe(200);
      expect(injection.body?.totalResults).toBe(0);
      expect((await call('GET', '/companies')).body?.totalResults).toBeGreaterThan(0);
    });
  });

  describe('tenant isolation', () => {
    it("makes another client's company, connections and keys look unknown", async () => {
      const mine = await call('POST', '/companies', { body: JSON.stringify({ name: 'Private Co', tags: { uid: 'secret-1' } }) });
      const companyId = String(mine.body?.id);
      const connection = await call('POST', `/companies/${companyId}/connections`, { body: JSON.stringify({ platformKey: 'mqjo' }) });
      const connectionId = String(connection.body?.id);

      expectEnvelope(await call('GET', `/companies/${companyId}`, { auth: otherAuth }), 404);
      expectEnvelope(await call('PATCH', `/companies/${companyId}`, { auth: otherAuth, body: JSON.stringify({ name: 'Stolen' }) }), 404);
      expectEnvelope(await call('DELETE', `/companies/${companyId}`, { auth: otherAuth }), 404);
      expectEnvelope(await call('GET', `/companies/${companyId}/connections/${connectionId}`, { auth: otherAuth }), 404);
      expectEnvelope(await call('DELETE', `/companies/${companyId}/connections/${connectionId}`, { auth: otherAuth }), 404);
      expectEnvelope(await call('GET', `/companies/${companyId}/accessToken`, { auth: otherAuth }), 404);
      expectEnvelope(await call('DELETE', `/companies/${companyId}/accessToken`, { auth: otherAuth }), 404);
      const search = await call('GET', `/companies?tags=${encodeURIComponent('uid=secret-1')}`, { auth: otherAuth });
      expect(search.body?.totalResults).toBe(0);
      const keys = await call('GET', '/apiKeys');
      const myKeyId = String((keys.body?.results as { id: string }[])[0]?.id);
      expectEnvelope(await call('DELETE', `/apiKeys/${myKeyId}`, { auth: otherAuth }), 404);

      // Still intact for the owner.
      const after = await call('GET', `/companies/${companyId}`);
      expect(after.body?.name).toBe('Private Co');
      expect((after.body?.dataConnections as unknown[]).length).toBe(1);
    });
  });

  describe('service endpoints', () => {
    it('serves health, the OpenAPI 3.1 document and a readable reference without a key', async () => {
      expect((await call('GET', '/healthz', { auth: null })).body).toMatchObject({ status: 'ok' });
      const doc = await call('GET', '/openapi.json', { auth: null });
      expect(doc.body?.openapi).toBe('3.1.0');
      const operations = Object.values(doc.body?.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) =>
        Object.values(p).map((op) => op.operationId),
      );
      for (const id of [
        'list-companies', 'create-company', 'get-company', 'replace-company', 'update-company', 'delete-company',
        'get-company-access-token', 'revoke-company-access-tokens', 'list-connections', 'create-connection', 'get-connection', 'delete-connection',
        'unlink-connection', 'update-connection-authorization', 'list-integrations', 'get-integration', 'get-integrations-branding',
        'list-api-keys', 'create-api-key', 'delete-api-key', 'list-webhook-consumers', 'create-webhook-consumer',
        'delete-webhook-consumer', 'get-cors-settings', 'set-cors-settings', 'get-profile', 'update-profile', 'set-integration-settings',
      ]) {
        expect(operations).toContain(id);
      }
      const page = await fetch(`${doorway.url}/docs`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('/companies/{companyId}/connections');
      expect(html).not.toMatch(/<script/i);
    });

    it('sets security headers on every response', async () => {
      const result = await call('GET', '/healthz', { auth: null });
      expect(result.headers.get('x-frame-options')).toBe('DENY');
      expect(result.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('shows integration settings with the callback URL and never the secret', async () => {
      const set = await call('PUT', '/integrations/qhyg/settings', {
        body: JSON.stringify({ enabled: true, clientId: 'intuit-app', clientSecret: 'intuit-secret-value', scopes: ['com.intuit.quickbooks.accounting'] }),
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ key: 'qhyg', enabled: true, clientId: 'intuit-app', hasClientSecret: true, callbackUrl: `${doorway.url}/link/oauth/callback` });
      expect(JSON.stringify(set.body)).not.toContain('intuit-secret-value');
      const row = await doorway.runtime.database.db.selectFrom('integration_settings').selectAll().where('platform_key', '=', 'qhyg').executeTakeFirstOrThrow();
      expect(row.oauth_client_secret_sealed).not.toContain('intuit-secret-value');
      expect((await call('GET', '/integrations/qhyg')).body?.enabled).toBe(true);
    });
  });
});
