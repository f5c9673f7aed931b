/**
 * How Doorway serves the Embedded Link modules (src/http/embed/embed-app.ts): a short-lived
 * redirect from the stable URL to an immutable content-versioned file that any origin may load,
 * compressed; another deploy's version redirects to this one, anything else is a plain 404. Reads the real build (test/support/global-setup.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;
beforeAll(async () => {
  doorway = await startDoorway();
});
afterAll(async () => doorway?.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${doorway.url}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
};

/** Node's fetch undoes the compression, so the raw bytes come through node:http. */
const getRaw = (path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${doorway.url}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });

describe.each([
  ['/link-sdk', 'link-sdk.js', 'CodatLink'],
  ['/connections-sdk', 'connections-sdk.js', 'CodatConnections'],
])('%s', (route, file, exported) => {
  const built = () => fs.readFileSync(`dist/web/embed/${file}`);

  it('redirects briefly to the version named by the content hash', async () => {
    const reply = await get(route);
    expect(reply.status).toBe(302);
    const cache = reply.headers.get('cache-control') ?? '';
    expect(cache === 'no-cache' || Number(/max-age=(\d+)/.exec(cache)?.[1]) <= 60).toBe(true);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    const location = reply.headers.get('location')!;
    const hash = createHash('sha256').update(built()).digest('hex').slice(0, 20);
    expect(location).toBe(`${route}/${hash}.js`);
  });

  it('serves the module itself, immutable, to any origin, compressed', async () => {
    const location = (await get(route)).headers.get('location')!;
    const reply = await getRaw(location, { 'Accept-Encoding': 'gzip', Origin: 'https://lender.example' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(reply.headers['content-encoding']).toBe('gzip');
    const source = gunzipSync(reply.body);
    expect(source.equals(built())).toBe(true);
    expect(source.toString('utf8')).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${exported}\\b`));
  });

  it("sends another deploy's version to this one, which a rolling deploy's redirect may name", async () => {
    const reply = await get(`${route}/0000000000000000dead.js`);
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toMatch(new RegExp(`^${route}/[0-9a-f]{20}\\.js$`));
    expect(reply.headers.get('location')).not.toContain('dead');
    expect(reply.headers.get('cache-control')).toBe('no-cache');
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers anything else under the module with a plain-text 404 that names the stable URL', async () => {
    const reply = await get(`${route}/latest.js`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.body.toString('utf8')).toContain(`import ${route}`);
  });
});
