/**
 * Doorway's own end page (the client has no redirect URL) tells the truth on both databases: it
 * names what is connected, or says that nothing was shared and the link can be used again, and
 * only the browser of the visit can read it (issue 9, item 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Link end page on %s', (dialect) => {
  let doorway: RunningDoorway;
  const api = (method: string, path: string, body?: unknown) => doorway.api(method, path, body);

  async function visit(name: string) {
    const companyId = (await api('POST', '/companies', { name })).json.id as string;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(`/link/company/${companyId}`);
    return { browser, sessionId };
  }

  // Every category optional, so Complete is possible with nothing connected.
  const settings = (text: Record<string, string> = {}) => api('PUT', '/settings/link', { categories: { accounting: { enabled: true, optional: true } }, text });

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    await api('PUT', '/profile', { name: 'Lender', redirectUrl: '' });
    await settings();
  });
  afterAll(async () => doorway?.close());

  it('after Exit with nothing connected, says nothing was shared and the same link works again', async () => {
    const { browser, sessionId } = await visit('Leaver Ltd');
    const exit = await browser.api(sessionId, 'POST', '/exit');
    expect(exit.json.redirectUrl).toBe(`/link/s/${sessionId}/done`);
    const page = await browser.request('GET', exit.json.redirectUrl as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Nothing was shared</h1>');
    expect(page.text).toContain('same link again');
    expect(page.text).not.toMatch(/are connected/);
  });

  it('after Complete with nothing connected, claims no connection either', async () => {
    const { browser, sessionId } = await visit('Nobody Ltd');
    const done = await browser.api(sessionId, 'POST', '/complete');
    expect((await browser.request('GET', done.json.redirectUrl as string)).text).toContain('<h1>Nothing was shared</h1>');
  });

  it('names the connected platforms, after Complete and after Exit, in the client\'s own words if set', async () => {
    const { browser, sessionId } = await visit('Sharer Ltd');
    await authorizeThroughSandbox(browser, sessionId, 'authorize');
    const done = await browser.api(sessionId, 'POST', '/complete');
    const page = await browser.request('GET', done.json.redirectUrl as string);
    expect(page.text).toContain("<h1>You&#39;re all set</h1>");
    expect(page.text).toContain('You shared data from Sandbox.');

    await settings({ 'finished.body': 'Merci : {platformNames}.' });
    const exit = await browser.api(sessionId, 'POST', '/exit');
    expect((await browser.request('GET', exit.json.redirectUrl as string)).text).toContain('Merci : Sandbox.');
    await settings();
  });

  it('is readable only by the browser of the visit (a friendly 403, never a 5xx)', async () => {
    const { browser, sessionId } = await visit('Private Ltd');
    const exit = await browser.api(sessionId, 'POST', '/exit');
    const stranger = await new HttpLinkClient(doorway.url).request('GET', exit.json.redirectUrl as string);
    expect(stranger.status).toBe(403);
    expect(stranger.text).not.toContain('Nothing was shared');
  });
});
