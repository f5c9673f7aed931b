/** The HTTP sender against real listeners on 127.0.0.1 (loopback allowed explicitly, except where refusal is the point). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSender, type HttpSender, type HttpSenderOptions } from '../../src/outbound/http-sender.js';
import { DESTINATION_NOT_ALLOWED } from '../../src/outbound/destination-guard.js';
import { newSecret, startReceiver, type TestReceiver } from '../webhooks/support.js';

const USER_AGENT = 'Doorway-Test/1';

describe('outbound HTTP sender', () => {
  let receiver: TestReceiver;
  let target: TestReceiver;
  let sender: HttpSender;
  const senders: HttpSender[] = [];
  const make = (options: Omit<HttpSenderOptions, 'userAgent'>) => {
    const created = createHttpSender({ userAgent: USER_AGENT, ...options });
    senders.push(created);
    return created;
  };

  beforeAll(async () => {
    receiver = await startReceiver(newSecret());
    target = await startReceiver(newSecret());
    sender = make({ allowPrivateDestinations: true, timeoutMs: 300 });
  });
  afterEach(() => {
    receiver.requests.length = 0;
    target.requests.length = 0;
  });
  afterAll(async () => {
    for (const s of senders) s.close();
    await receiver.close();
    await target.close();
  });

  it('POSTs the exact body as JSON with our headers and reports the response', async () => {
    receiver.respond(() => ({ status: 202, body: 'x'.repeat(5000) }));
    const body = '{"a": "ünïcode ✓"}';
    const result = await sender.send(receiver.url, { 'webhook-id': 'msg_1' }, body);

    expect(result).toMatchObject({ statusCode: 202, retryAfter: null, refused: false, snippet: 'x'.repeat(200) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/codat', body });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'content-length': String(Buffer.byteLength(body)),
      'webhook-id': 'msg_1',
    });
  });

  it('reuses connections (keep-alive) for consecutive sends', async () => {
    const ports = new Set<number>();
    const server = http.createServer((req, res) => {
      ports.add(req.socket.remotePort!);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    for (let i = 0; i < 3; i++) expect((await sender.send(url, {}, '{}')).statusCode).toBe(200);
    expect(ports.size).toBe(1);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  it('does not follow redirects: a 3xx is the result', async () => {
    receiver.respond(() => ({ status: 302, headers: { Location: target.url } }));
    const result = await sender.send(receiver.url, {}, '{}');
    expect(result.statusCode).toBe(302);
    expect(result.snippet).toContain(`Redirect to ${target.url} not followed`);
    expect(target.requests).toHaveLength(0);
  });

  it('returns the Retry-After header', async () => {
    receiver.respond(() => ({ status: 429, headers: { 'Retry-After': '120' }, body: 'slow down' }));
    expect(await sender.send(receiver.url, {}, '{}')).toMatchObject({ statusCode: 429, retryAfter: '120', snippet: 'slow down' });
  });

  it('gives up after the attempt timeout when no response arrives', async () => {
    receiver.respond(() => 'hang');
    const result = await sender.send(receiver.url, {}, '{}');
    expect(result).toMatchObject({ statusCode: null, snippet: 'Timed out after 300 ms', refused: false });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(2000);
  });

  it('keeps the status when only the body is slower than the timeout', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect(await sender.send(url, {}, '{}')).toMatchObject({ statusCode: 200, snippet: 'partial' });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  it('reports network errors without throwing', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await sender.send(`http://127.0.0.1:${port}/`, {}, '{}');
    expect(result).toMatchObject({ statusCode: null, refused: false });
    expect(result.snippet).toMatch(/ECONNREFUSED/);
  });

  it('refuses loopback destinations unless allowed, sending nothing', async () => {
    const strict = make({ allowPrivateDestinations: false, timeoutMs: 300 });
    const literal = await strict.send(receiver.url, {}, '{}');
    expect(literal).toMatchObject({ statusCode: null, refused: true, retryAfter: null });
    expect(literal.snippet).toBe(DESTINATION_NOT_ALLOWED);
    expect(literal.refusal).toMatch(/^Destination refused: 127\.0\.0\.1 is a loopback address/);

    // A name is checked on the address it resolves to, at connect time.
    const byName = await strict.send(receiver.url.replace('127.0.0.1', 'localhost'), {}, '{}');
    expect(byName).toMatchObject({ statusCode: null, refused: true });
    expect(byName.snippet).toBe(DESTINATION_NOT_ALLOWED);
    expect(byName.refusal).toMatch(/^Destination refused: localhost resolves to/);
    expect(receiver.requests).toHaveLength(0);

    receiver.respond(() => ({ status: 204 }));
    const listed = make({ allowPrivateDestinations: false, allowedCidrs: ['127.0.0.0/8'], timeoutMs: 300 });
    expect(await listed.send(receiver.url, {}, '{}')).toMatchObject({ statusCode: 204, refused: false });
  });

  it('refuses URLs that are not http(s)', async () => {
    expect(await sender.send('ftp://127.0.0.1/x', {}, '{}')).toMatchObject({ statusCode: null, refused: true });
    expect(await sender.send('not a url', {}, '{}')).toMatchObject({ statusCode: null, refused: true });
  });
});
