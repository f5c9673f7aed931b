/**
 * The authenticated proxy end to end: a real platform API (test/support/platform-api-server.ts)
 * registered as the Sandbox platform's `api.baseUrl` through DOORWAY_PROVIDERS_FILE, a
 * connection Linked through the real Sandbox OAuth flow, and raw HTTP requests (so targets like
 * `..` and headers like `Connection` reach Doorway exactly as written).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { BIG_BODY_BYTES, rawRequest, startPlatformApiServer, type PlatformApiServer } from '../support/platform-api-server.js';
import { linkSandboxConnection, storedAccessToken } from '../support/proxy-connections.js';
import { doorwayForSuite } from '../support/start-doorway.js';

const PROXY_TIMEOUT_MS = 1500;

describe.each(TEST_DIALECTS)('the proxy on %s', (dialect) => {
  let platform: PlatformApiServer;
  const logLines: string[] = [];
  const providersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-proxy-')), 'providers.json');
  beforeAll(async () => {
    platform = await startPlatformApiServer();
    const api = { baseUrl: `${platform.url}/api`, headers: { 'X-Platform-Version': '2024-06' } };
    fs.writeFileSync(
      providersFile,
      JSON.stringify([{ key: 'mqjo', name: 'Sandbox', sourceType: 'Accounting', isSandbox: true, auth: { type: 'sandbox' }, api }]),
    );
  });
  afterAll(async () => platform?.close());
  const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString()), done()) }));
  const doorway = doorwayForSuite({ dialect, log, config: { providersFile, proxy: { timeoutMs: PROXY_TIMEOUT_MS } } });

  let linked: { companyId: string; connectionId: string; accessToken: string; proxy: string };
  const everyToken: string[] = [];
  /** After a 401 Doorway refreshes the connection (the real Sandbox token endpoint): the platform learns the new token. */
  async function syncToken() {
    linked.accessToken = await storedAccessToken(doorway, linked.connectionId);
    platform.acceptedTokens.add(linked.accessToken);
    everyToken.push(linked.accessToken);
  }
  beforeAll(async () => {
    linked = await linkSandboxConnection(doorway);
    await syncToken();
  });

  const call = (target: string, options: Parameters<typeof rawRequest>[2] = {}) =>
    rawRequest(doorway.url, `${linked.proxy}${target}`, { ...options, headers: { Authorization: doorway.authHeader, ...options.headers } });

  it('forwards method, path, query and body with the connection token and the platform headers', async () => {
    const response = await call('/invoices/INV-1/lines?page=2&filter=a%20b&created', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Client-Header': 'kept', 'Idempotency-Key': 'platform-key-1' },
      body: JSON.stringify({ amount: 10 }),
    });
    expect(response.status).toBe(201);
    const echo = JSON.parse(response.body) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(echo).toMatchObject({ method: 'POST', url: '/api/invoices/INV-1/lines?page=2&filter=a%20b&created', body: '{"amount":10}' });
    expect(echo.headers).toMatchObject({
      authorization: `Bearer ${linked.accessToken}`,
      'x-platform-version': '2024-06',
      'x-client-header': 'kept',
      'idempotency-key': 'platform-key-1',
      'content-type': 'application/json',
      host: new URL(platform.url).host,
    });
  });

  it('strips Doorway credentials, cookies, control and hop-by-hop headers on the way out', async () => {
    const response = await call('/echo', {
      headers: {
        Cookie: 'dw_browser=secret',
        Connection: 'keep-alive, X-Hop',
        'X-Hop': 'named by Connection',
        'Keep-Alive': 'timeout=5',
        'Proxy-Authorization': 'Basic cHJveHk=',
        TE: 'trailers',
        'Doorway-Retries': '0',
        'X-Forwarded-For': '203.0.113.9',
        'X-Platform-Version': 'client tries to override',
      },
    });
    expect(response.status).toBe(200);
    const headers = (JSON.parse(response.body) as { headers: Record<string, string> }).headers;
    for (const name of ['cookie', 'x-hop', 'keep-alive', 'proxy-authorization', 'te', 'doorway-retries', 'x-forwarded-for']) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(headers.authorization).toBe(`Bearer ${linked.accessToken}`);
    expect(headers.authorization).not.toContain(doorway.apiKey);
    expect(headers['x-platform-version']).toBe('2024-06');
  });

  it("passes the platform's status and headers back, minus hop-by-hop headers and cookies", async () => {
    const response = await call('/echo?created');
    expect(response.status).toBe(201);
    expect(response.headers['x-platform-request-id']).toBe('req-123');
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.body)));
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['keep-alive']).toBeUndefined();
    // Repeated headers arrive together (as one list, which HTTP makes equivalent).
    expect(response.headers.link).toBe('<https://platform.test/page/2>; rel="next", <https://platform.test/page/9>; rel="last"');
    expect(response.headers['x-correlation-id']).toBeDefined();

    const noContent = await call('/no-content', { method: 'DELETE' });
    expect([noContent.status, noContent.headers['x-deleted'], noContent.body]).toEqual([204, 'yes', '']);
    const head = await call('/echo', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it("passes the platform's own errors through verbatim", async () => {
    platform.acceptedTokens.clear();
    try {
      const response = await call('/echo?rejected');
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toEqual({ error: 'invalid token' });
    } finally {
      await syncToken();
    }
  });

  it.each([
    ['a dot-dot segment', '/a/../b'],
    ['a dot segment', '/./b'],
    ['an encoded dot-dot', '/a/%2e%2e/b'],
    ['a mixed-case encoded dot-dot', '/a/%2E./b'],
    ['a half-encoded dot-dot', '/a/.%2E/b'],
    ['an encoded dot', '/a/%2e/b'],
    ['an encoded slash', '/a%2fb'],
    ['an encoded slash (upper case)', '/a%2F..%2Fb'],
    ['an encoded backslash', '/a%5Cb'],
    ['an encoded NUL', '/a%00b'],
    ['an encoded control character', '/a%0d%0aSet-Cookie:x'],
    ['a leading double slash', '//evil.example/b'],
    ['an absolute URL', '/http://evil.example/b'],
    ['an absolute https URL', '/https:%2F%2Fevil.example'],
  ])('refuses %s with 400 and calls nothing', async (_name, target) => {
    const before = platform.received.length;
    const response = await call(target);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 400, error: expect.stringContaining('proxied path is not allowed') });
    expect(platform.received.length).toBe(before);
  });

  it.each([
    ['a raw backslash', '/a\\b'],
    // URL parsing removes these before routing, so they never reach the proxy: the API answers.
    ['dot-dots climbing out of the proxy prefix', '/../../../../companies'],
    ['an encoded dot-dot climbing out of the proxy prefix', '/%2e%2e/echo'],
  ])('never forwards %s (refused before any surface calls the platform)', async (_name, target) => {
    const before = platform.received.length;
    const response = await call(target);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(platform.received.length).toBe(before);
  });

  it('streams a 50 MB answer with backpressure: a client that stops reading stops the platform too', async () => {
    const response = await fetch(`${doorway.url}${linked.proxy}/big`, { headers: { Authorization: doorway.authHeader } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(BIG_BODY_BYTES));
    const reader = response.body!.getReader();
    let bytes = (await reader.read()).value!.length;
    // The client reads nothing more: the platform must end up waiting for it, with most of the
    // body unsent. Buffering the answer anywhere in Doorway would let it write all 50 MB at once.
    await expect
      .poll(() => platform.bigBody.waitingSince !== null && Date.now() - platform.bigBody.waitingSince > 300, { timeout: 10_000, interval: 50 })
      .toBe(true);
    expect(platform.bigBody.sent).toBeLessThan(20 * 1024 * 1024);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
    expect(bytes).toBe(BIG_BODY_BYTES);
  });

  it('streams a large upload through without buffering it, and does not retry it', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 'y');
    const response = await call('/stream-upload', { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream', 'Doorway-Retries': '3' }, body });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ bytes: body.length });
  });

  it('aborts the platform request when the client goes away mid-answer', async () => {
    const controller = new AbortController();
    const response = await fetch(`${doorway.url}${linked.proxy}/endless`, { headers: { Authorization: doorway.authHeader }, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => platform.closedEarly.includes('/api/endless'), { timeout: 5000 }).toBe(true);
  });

  it('aborts the platform request when the client goes away before the answer', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = fetch(`${doorway.url}${linked.proxy}/hang?abort`, { headers: { Authorization: doorway.authHeader }, signal: controller.signal });
    pending.catch(() => undefined);
    await expect.poll(() => platform.hits('/api/hang?abort')).toBe(1);
    controller.abort();
    await expect.poll(() => platform.closedEarly.filter((p) => p === '/api/hang').length, { timeout: 5000 }).toBeGreaterThan(0);
    // Sooner than the proxy's own timeout would have closed it.
    expect(Date.now() - started).toBeLessThan(PROXY_TIMEOUT_MS);
  });

  it('answers 504 in the Codat envelope when the platform does not answer in time', async () => {
    const response = await call('/hang?timeout');
    expect(response.status).toBe(504);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 504, service: 'PublicApi', canBeRetried: 'True' });
  });

  it('retries a 429 after Retry-After only when the client asks, and only for idempotent methods', async () => {
    const plain = await call('/rate-limited?plain');
    expect([plain.status, platform.hits('/api/rate-limited?plain')]).toEqual([429, 1]);

    const retried = await call('/rate-limited?retried', { headers: { 'Doorway-Retries': '2' } });
    expect([retried.status, platform.hits('/api/rate-limited?retried')]).toEqual([200, 2]);

    const post = await call('/rate-limited?post', { method: 'POST', headers: { 'Doorway-Retries': '2' }, body: '{}' });
    expect([post.status, platform.hits('/api/rate-limited?post')]).toEqual([429, 1]);

    // A platform that asks for longer than Doorway waits gets its answer back to the client.
    const patient = await call('/rate-limited?patient&retryAfter=60', { headers: { 'Doorway-Retries': '1' } });
    expect([patient.status, patient.headers['retry-after'], platform.hits('/api/rate-limited?patient&retryAfter=60')]).toEqual([429, '60', 1]);

    const unavailable = await call('/unavailable?x', { headers: { 'Doorway-Retries': '1' } });
    expect([unavailable.status, platform.hits('/api/unavailable?x')]).toEqual([503, 2]);

    const invalid = await call('/echo', { headers: { 'Doorway-Retries': '9' } });
    expect(invalid.status).toBe(400);
  });

  it('after a 401, refreshes the token (forceRefresh) and retries once with the new one', async () => {
    const before = linked.accessToken;
    const once = await call('/unauthorized-once?replayable', { method: 'PUT', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect([once.status, platform.hits('/api/unauthorized-once?replayable')]).toEqual([200, 2]);
    const sent = platform.received.filter((r) => r.url === '/api/unauthorized-once?replayable');
    expect(sent.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
    await syncToken();
    expect(linked.accessToken).not.toBe(before);
    expect(sent.map((r) => r.headers.authorization)).toEqual([`Bearer ${before}`, `Bearer ${linked.accessToken}`]);

    // The retry after a 401 is not one of those the client asked for with Doorway-Retries.
    const both = await call('/unauthorized-then-limited?x', { headers: { 'Doorway-Retries': '1' } });
    expect([both.status, platform.hits('/api/unauthorized-then-limited?x')]).toEqual([200, 3]);
    await syncToken();

    // A streamed body cannot be sent twice: the 401 goes back to the client, nothing is refreshed.
    const streamed = await call('/unauthorized-once?streamed', { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' }, body: 'x'.repeat(10) });
    expect([streamed.status, platform.hits('/api/unauthorized-once?streamed')]).toEqual([401, 1]);
    expect(await storedAccessToken(doorway, linked.connectionId)).toBe(linked.accessToken);

    platform.acceptedTokens.clear();
    try {
      const always = await call('/echo?always-401');
      expect([always.status, platform.hits('/api/echo?always-401')]).toEqual([401, 2]);
    } finally {
      await syncToken();
    }
  });

  it('answers 404 for an unknown connection and 409 for one that is not Linked or holds no token', async () => {
    const unknown = await rawRequest(doorway.url, `/companies/${linked.companyId}/connections/${randomUUID()}/proxy/echo`, { headers: { Authorization: doorway.authHeader } });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ statusCode: 404, service: 'PublicApi' });

    const other = (await doorway.api('POST', '/companies', { name: 'Pending Ltd' })).json;
    const created = await doorway.api('POST', `/companies/${other.id}/connections`, { platformKey: 'mqjo' });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const pending = created.json;
    const notLinked = await rawRequest(doorway.url, `/companies/${other.id}/connections/${pending.id}/proxy/echo`, { headers: { Authorization: doorway.authHeader } });
    expect(notLinked.status).toBe(409);
    expect(JSON.parse(notLinked.body).error).toContain('PendingAuth');

    await doorway.api('PUT', `/companies/${other.id}/connections/${pending.id}/authorization`, { apiKey: 'k' });
    const fields = await rawRequest(doorway.url, `/companies/${other.id}/connections/${pending.id}/proxy/echo`, { headers: { Authorization: doorway.authHeader } });
    expect(fields.status).toBe(409);
    expect(JSON.parse(fields.body).error).toContain('declares no way to send them');
  });

  it('forwards the base URL itself for an empty path', async () => {
    const response = await call('');
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body) as { url: string }).url).toBe('/api/');
  });

  it('writes no token to the logs', async () => {
    await call('/echo?access_token=query-secret-123');
    await expect.poll(() => logLines.some((line) => line.includes('"path"') && line.includes('/proxy/echo'))).toBe(true);
    const all = logLines.join('\n');
    expect(everyToken.length).toBeGreaterThan(3);
    for (const token of everyToken) expect(all).not.toContain(token);
    expect(all).not.toContain('query-secret-123');
    expect(all).not.toContain(doorway.apiKey);
  });
});
