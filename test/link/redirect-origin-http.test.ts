/**
 * The end-of-flow redirect is checked once resolved: a placeholder that a URL parser reads as the
 * host (also without `//`, as in `https:{h}/done`) can only lead to an allow-listed URL, and a
 * static template's origin stays its own. Through PUT /profile and the Link API, on both databases.
 */
import { describe, expect, it } from 'vitest';
import { HttpLinkClient } from '../support/http-link-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

const HOST_TEMPLATES = ['https:{h}/done', 'http:{h}/done', 'https:/{h}/done'];

describe.each(TEST_DIALECTS)('Redirect origin on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });
  const api = doorway.api;

  async function exitWith(query: string) {
    const companyId = (await api('POST', '/companies', { name: 'Redirect Ltd' })).json.id as string;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(`/link/company/${companyId}${query}`);
    return browser.api(sessionId, 'POST', '/exit');
  }

  it('refuses a host placeholder without // when nothing is allow-listed, in PUT /profile and at the redirect', async () => {
    for (const redirectUrl of HOST_TEMPLATES) {
      const put = await api('PUT', '/profile', { name: 'Lender', redirectUrl, whiteListUrls: [] });
      expect(put.status, redirectUrl).toBe(400);
      expect(put.json).toMatchObject({ statusCode: 400, error: expect.stringContaining('redirectUrl') });
    }
    // A template stored before this check (or by any other way in) is still refused once resolved.
    const store = doorway.runtime.deps.store;
    const existing = (await store.clients.findBySlug('default'))!;
    for (const redirectUrl of HOST_TEMPLATES) {
      await store.clients.update({ ...existing, redirectUrl, whiteListUrls: [] });
      const refused = await exitWith('?h=evil.example');
      expect(refused.status, redirectUrl).toBe(403);
      expect(JSON.stringify(refused.json)).not.toContain('https://evil.example');
    }
    await store.clients.update(existing);
  });

  it('sends the customer only to an allow-listed host when the host is a placeholder', async () => {
    const put = await api('PUT', '/profile', { name: 'Lender', redirectUrl: 'https:{h}/done', whiteListUrls: ['https://bank.example'] });
    expect(put.status).toBe(200);
    expect((await exitWith('?h=bank.example')).json.redirectUrl).toBe('https://bank.example/done');
    expect((await exitWith('?h=evil.example')).status).toBe(403);
  });

  it('keeps a static origin fixed when nothing is allow-listed', async () => {
    expect((await api('PUT', '/profile', { name: 'Lender', redirectUrl: 'https://bank.example{h}/done', whiteListUrls: [] })).status).toBe(400);
    expect((await api('PUT', '/profile', { name: 'Lender', redirectUrl: 'https://bank.example/{page}?s={statusCode}', whiteListUrls: [] })).status).toBe(200);
    expect((await exitWith('?page=done')).json.redirectUrl).toBe('https://bank.example/done?s=403');
    expect((await exitWith(`?page=${encodeURIComponent('//evil.example')}`)).json.redirectUrl).toBe('https://bank.example/%2F%2Fevil.example?s=403');
    await api('PUT', '/profile', { name: 'Lender', redirectUrl: '', whiteListUrls: [] });
  });
});
