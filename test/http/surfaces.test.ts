/**
 * Each HTTP surface answers with its own authentication, security headers and error format,
 * and none loses the headers every response must carry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_CSP } from '../../src/http/link/link-security-headers.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;

beforeAll(async () => {
  doorway = await startDoorway({ config: { maxBodyBytes: 4096 } });
});
afterAll(async () => doorway?.close());

async function call(method: string, path: string, init: { auth?: boolean; body?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.auth) headers.Authorization = doorway.authHeader;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${doorway.url}${path}`, { method, headers, body: init.body, redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: body.toString('utf8') };
}

type Reply = Awaited<ReturnType<typeof call>>;

function expectBaseHeaders(reply: Reply) {
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  expect(reply.headers.get('x-frame-options')).toBe('DENY');
  expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
  expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(reply.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9._-]{8,128}$/);
}

function expectLinkHeaders(reply: Reply) {
  expectBaseHeaders(reply);
  expect(reply.headers.get('cross-origin-opener-policy')).toBe('same-origin');
}

function expectEnvelope(reply: Reply, status: number) {
  expect(reply.status).toBe(status);
  expect(JSON.parse(reply.text)).toMatchObject({ statusCode: status, service: 'PublicApi', correlationId: reply.headers.get('x-correlation-id') });
}

describe('API surface', () => {
  it('carries the base headers on success and in the envelope on errors', async () => {
    const listed = await call('GET', '/companies', { auth: true });
    expect(listed.status).toBe(200);
    expectBaseHeaders(listed);
    expect(listed.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    for (const reply of [await call('GET', '/companies'), await call('GET', '/nothing-here')]) {
      expectEnvelope(reply, 401);
      expectBaseHeaders(reply);
    }
    const unknown = await call('GET', '/nothing-here', { auth: true });
    expectEnvelope(unknown, 404);
    expectBaseHeaders(unknown);
    expectEnvelope(await call('POST', '/companies', { auth: true, body: JSON.stringify({ name: 'x'.repeat(5000) }) }), 413);
  });
});

describe('Link surface', () => {
  it('carries the Link CSP on pages, assets, its API and its errors', async () => {
    const replies = {
      page: await call('GET', '/link/company/00000000-0000-4000-8000-000000000000'),
      stylesheet: await call('GET', '/link/assets/page.css'),
      api: await call('GET', '/link/api/state'),
      unknownPage: await call('GET', '/link/nothing-here'),
      unknownApi: await call('POST', '/link/api/nothing-here'),
      tooLarge: await call('POST', '/link/api/events', { body: JSON.stringify({ type: 'x'.repeat(5000) }) }),
    };
    for (const reply of Object.values(replies)) {
      expectLinkHeaders(reply);
      expect(reply.headers.get('content-security-policy')).toBe(LINK_CSP);
    }
    expect(replies.stylesheet.status).toBe(200);
    for (const page of [replies.page, replies.unknownPage]) {
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toContain(`Reference: ${page.headers.get('x-correlation-id')}`);
    }
    expect(replies.api.status).toBe(403);
    expect(JSON.parse(replies.unknownApi.text)).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for POST /link/api/nothing-here.', correlationId: replies.unknownApi.headers.get('x-correlation-id') },
    });
    expect(replies.tooLarge.status).toBe(413);
    expect(JSON.parse(replies.tooLarge.text).error).toMatchObject({ message: 'That was more data than we accept.' });
  });

  it("answers the embedded popup's authorize page with a friendly page that keeps the opener", async () => {
    const refused = await call('GET', '/link/embed/authorize?ticket=nonsense');
    expectBaseHeaders(refused);
    expect(refused.headers.get('content-security-policy')).toBe(LINK_CSP);
    expect(refused.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('Sandbox surface', () => {
  it('carries frame-ancestors none and X-Frame-Options DENY on pages, assets and errors', async () => {
    const stylesheet = await call('GET', '/sandbox/assets/sandbox.css');
    const consent = await call('GET', '/sandbox/oauth/authorize');
    const unknown = await call('GET', '/sandbox/nothing-here');
    for (const reply of [stylesheet, unknown]) expectLinkHeaders(reply);
    // The consent page may run in an embedded Link popup, which must keep its opener.
    expectBaseHeaders(consent);
    expect(consent.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(stylesheet.status).toBe(200);
    expect(consent.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('docs surface', () => {
  it('needs no API key and carries the base headers', async () => {
    for (const path of ['/healthz', '/openapi.json', '/docs', '/static/logos/mqjo.svg']) {
      const reply = await call('GET', path);
      expect(reply.status, path).toBe(200);
      expectBaseHeaders(reply);
    }
    expectEnvelope(await call('GET', '/static/logos/zzzz.svg'), 404);
    expectEnvelope(await call('POST', '/healthz'), 404);
  });

  it('serves the OpenAPI document with the API paths at the root', async () => {
    const document = JSON.parse((await call('GET', '/openapi.json')).text) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/companies', '/companies/{companyId}', '/profile', '/settings/link']));
    expect(Object.keys(document.paths).filter((path) => path.startsWith('//'))).toEqual([]);
  });

  it('redirects the site root to the API reference', async () => {
    const root = await call('GET', '/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/docs');
    expectBaseHeaders(root);
  });

  it('serves a real icon at /favicon.ico', async () => {
    const icon = await call('GET', '/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=86400');
    expectBaseHeaders(icon);
    // ICONDIR (reserved 0, type 1 = icon, one image), then a 32×32 32-bit entry whose bitmap
    // (BITMAPINFOHEADER, 40 bytes) fills the rest of the file.
    expect([icon.body.readUInt16LE(0), icon.body.readUInt16LE(2), icon.body.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([icon.body[6], icon.body[7], icon.body.readUInt16LE(12)]).toEqual([32, 32, 32]);
    const [size, offset] = [icon.body.readUInt32LE(14), icon.body.readUInt32LE(18)];
    expect(offset + size).toBe(icon.body.length);
    expect(icon.body.readUInt32LE(offset)).toBe(40);
  });
});
