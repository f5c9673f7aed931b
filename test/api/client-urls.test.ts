/**
 * Every URL a client sets that a browser loads or is sent to (profile logo, icon, redirect and
 * allow-list; Link branding logo and icon; CORS origins) is https, or http on localhost only:
 * anything else is a 400 in Codat's envelope, on both databases, and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import { HttpLinkClient } from '../support/http-link-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

const HOSTILE = [
  'javascript:alert(document.cookie)',
  'JAVASCRIPT:alert(1)',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://cdn.example/logo.png',
  '/relative/logo.png',
];

describe.each(TEST_DIALECTS)('Client-set URLs on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });
  const api = doorway.api;

  function expectRefused(result: { status: number; json: Record<string, any> }, label: string) {
    expect(result.status, label).toBe(400);
    expect(result.json, label).toMatchObject({ statusCode: 400, service: 'PublicApi', error: expect.any(String), correlationId: expect.any(String) });
  }

  it('refuses other schemes for profile logo, icon, redirect and allow-list', async () => {
    const base = { name: 'Lender', redirectUrl: '' };
    for (const url of HOSTILE) {
      expectRefused(await api('PUT', '/profile', { ...base, logoUrl: url }), `logoUrl ${url}`);
      expectRefused(await api('PUT', '/profile', { ...base, iconUrl: url }), `iconUrl ${url}`);
      expectRefused(await api('PUT', '/profile', { ...base, redirectUrl: url }), `redirectUrl ${url}`);
      expectRefused(await api('PUT', '/profile', { ...base, whiteListUrls: [url] }), `whiteListUrls ${url}`);
    }
    const profile = (await api('GET', '/profile')).json;
    expect(profile.logoUrl).toBeUndefined();
    expect(profile.iconUrl).toBeUndefined();
  });

  it('refuses other schemes for the Link branding logo and icon, and CORS origins', async () => {
    for (const url of HOSTILE) {
      expectRefused(await api('PUT', '/settings/link', { branding: { logoUrl: url } }), `branding.logoUrl ${url}`);
      expectRefused(await api('PUT', '/settings/link', { branding: { iconUrl: url } }), `branding.iconUrl ${url}`);
      expectRefused(await api('POST', '/corsSettings', { allowedOrigins: [url] }), `allowedOrigins ${url}`);
    }
    expect((await api('GET', '/settings/link')).json.branding).toMatchObject({ logoUrl: null, iconUrl: null });
    expect((await api('GET', '/corsSettings')).json.allowedOrigins).toEqual([]);
  });

  it('accepts https anywhere and http on localhost, and shows them in Link', async () => {
    const saved = await api('PUT', '/profile', {
      name: 'Lender',
      redirectUrl: 'http://localhost:3000/done',
      logoUrl: 'https://cdn.lender.example/logo.png',
      iconUrl: 'http://127.0.0.1:8080/icon.png',
      whiteListUrls: ['http://[::1]:3000/'],
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ logoUrl: 'https://cdn.lender.example/logo.png', iconUrl: 'http://127.0.0.1:8080/icon.png' });
    const branding = await api('PUT', '/settings/link', { branding: { logoUrl: 'https://cdn.lender.example/wide.png', iconUrl: null } });
    expect(branding.status).toBe(200);
    expect((await api('POST', '/corsSettings', { allowedOrigins: ['https://app.lender.example', 'http://localhost:5173'] })).status).toBe(200);

    const companyId = (await api('POST', '/companies', { name: 'Branded Ltd' })).json.id as string;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(`/link/company/${companyId}`);
    const state = (await browser.api(sessionId, 'GET', '/state')).json;
    expect(state.client).toMatchObject({ logoUrl: 'https://cdn.lender.example/wide.png', iconUrl: 'http://127.0.0.1:8080/icon.png' });
  });

  it('does not show a hostile logo stored before the rule', async () => {
    const store = doorway.runtime.deps.store;
    const client = (await store.clients.findBySlug('default'))!;
    await store.clients.update({ ...client, logoUrl: 'javascript:alert(1)', iconUrl: 'data:text/html,x' });
    await api('PUT', '/settings/link', {});
    const companyId = (await api('POST', '/companies', { name: 'Old Row Ltd' })).json.id as string;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(`/link/company/${companyId}`);
    expect((await browser.api(sessionId, 'GET', '/state')).json.client).toMatchObject({ logoUrl: null, iconUrl: null });
    await store.clients.update(client);
  });
});
