import { describe, expect, it } from 'vitest';
import { createLinkApi, LinkApiError } from './api';

type Call = { url: string; init: RequestInit };

function fakeFetch(status: number, body: unknown, calls: Call[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status });
  }) as typeof fetch;
}

describe('createLinkApi', () => {
  it('sends GETs with the session header and same-origin credentials', async () => {
    const calls: Call[] = [];
    const api = createLinkApi('/link/api/', 'tok', fakeFetch(200, { company: { id: 'x' } }, calls));
    await api.getState();
    expect(calls[0]?.url).toBe('/link/api/state');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect((calls[0]?.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
  });

  it('sends POSTs as JSON with the CSRF token and unwraps the answer', async () => {
    const calls: Call[] = [];
    const api = createLinkApi('/link/api', 'tok', fakeFetch(200, { next: { kind: 'credentials' } }, calls));
    await expect(api.consent('a/b')).resolves.toEqual({ kind: 'credentials' });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.url).toBe('/link/api/connections/a%2Fb/consent');
    expect(calls[0]?.init.method).toBe('POST');
    expect(headers['X-CSRF-Token']).toBe('tok');
    expect(headers['Content-Type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{}');
  });

  it('posts bodies where the contract has them', async () => {
    const calls: Call[] = [];
    const api = createLinkApi('/link/api', 'tok', fakeFetch(200, { next: '/link/company/1' }, calls));
    await expect(api.invite('acme lending', 'Acme')).resolves.toBe('/link/company/1');
    expect(calls[0]?.url).toBe('/link/api/invite/acme%20lending');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ companyName: 'Acme' });
  });

  it('accepts 204 for events', async () => {
    const api = createLinkApi('/link/api', 'tok', fakeFetch(204, undefined));
    await expect(api.postEvent({ type: 'category_chosen', sourceType: 'Banking' })).resolves.toBeUndefined();
  });

  it("turns error envelopes into LinkApiError with the server's message", async () => {
    const api = createLinkApi('/link/api', 'tok', fakeFetch(409, { error: { code: 'conflict', message: 'Already connected.' } }));
    const error = await api.createConnection('gbol').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'Already connected.' });
  });

  it('copes with non-JSON errors and network failures', async () => {
    const html = createLinkApi('/link/api', 'tok', fakeFetch(502, '<html>Bad gateway</html>'));
    await expect(html.complete()).rejects.toMatchObject({ status: 502, code: 'http_502', message: '' });
    const offline = createLinkApi('/link/api', 'tok', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(offline.exit()).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
