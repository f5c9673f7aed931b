/**
 * The platform's authorization for an embedded mount over HTTP (docs/embedded-link.md): the
 * consent answer's signed ticket, the popup's own cookie binding the OAuth state, the result
 * page that posts to the exact origin of the mount, the opener policy of every page on the way,
 * the full-page round trip, and revoking a company's access tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { embeddableCompany, EmbeddedLinkClient } from '../support/embedded-link-client.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const ORIGIN = 'https://lender.example';
const COOP = 'cross-origin-opener-policy';

describe.each(TEST_DIALECTS)('Embedded authorization over HTTP on %s', (dialect) => {
  let doorway: RunningDoorway;
  let skewSeconds = 0;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect, clock: { now: () => new Date(Date.now() + skewSeconds * 1000) } });
  });
  afterAll(async () => doorway?.close());

  /** A mount's session with a Sandbox connection whose consent was given: the popup's URL. */
  async function consented(name = 'Popup Ltd') {
    const { companyId, accessToken } = await embeddableCompany(doorway, ORIGIN, name);
    const embed = new EmbeddedLinkClient(doorway.url, ORIGIN, companyId, accessToken);
    const sessionId = await embed.openSession();
    const connectionId = (await embed.request('POST', '/connections', { sessionId, body: { platformKey: 'mqjo' } })).json.connection.id as string;
    const consent = await embed.request('POST', `/connections/${connectionId}/consent`, { sessionId });
    expect(consent.status).toBe(200);
    return { embed, sessionId, connectionId, companyId, authorizeUrl: consent.json.next.url as string };
  }

  /** The popup from the embedded authorize URL to the callback URL the Sandbox answers with. */
  async function toCallback(popup: HttpLinkClient, authorizeUrl: string, decision: 'authorize' | 'cancel' = 'authorize') {
    const toPlatform = await popup.request('GET', authorizeUrl);
    expect(toPlatform.status).toBe(302);
    const sandboxUrl = new URL(toPlatform.location!);
    const page = await popup.follow(sandboxUrl.toString());
    const form = new URLSearchParams(sandboxUrl.searchParams);
    form.set('decision', decision);
    form.set('dataset', 'uk-retailer');
    const answer = await popup.request('POST', `${sandboxUrl.origin}${sandboxUrl.pathname}`, { form });
    return { toPlatform, page, answer, callbackUrl: answer.location! };
  }

  const resultOf = (html: string) =>
    JSON.parse(/<script type="application\/json" id="doorway-authorization-result">(.*?)<\/script>/s.exec(html)![1]!) as { connectionId: string; targetOrigin: string };

  it('runs the popup from the consent answer to a result page that posts to the exact origin', async () => {
    const { embed, sessionId, connectionId, companyId, authorizeUrl } = await consented();
    expect(authorizeUrl).toMatch(new RegExp(`^${doorway.url}/link/embed/authorize\\?ticket=dwt_[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));

    const popup = new HttpLinkClient(doorway.url);
    const { toPlatform, page, answer, callbackUrl } = await toCallback(popup, authorizeUrl);
    expect(toPlatform.headers.getSetCookie().join()).toMatch(/dw_browser=.*HttpOnly/);
    expect(new URL(toPlatform.location!).pathname).toBe('/sandbox/oauth/authorize');
    expect(page.status).toBe(200);
    expect(answer.status).toBe(302);
    for (const response of [toPlatform, page, answer]) expect(response.headers.get(COOP)).toBe('unsafe-none');

    const callback = await popup.follow(callbackUrl);
    expect(callback.status).toBe(200);
    expect(callback.headers.get(COOP)).toBe('unsafe-none');
    expect(callback.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(resultOf(callback.text)).toEqual({ connectionId, targetOrigin: ORIGIN });
    expect(callback.text).toContain('<script src="/link/assets/authorization-returned.js"></script>');
    expect(callback.text).toContain('You are connected');
    const script = await popup.request('GET', '/link/assets/authorization-returned.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.text).toContain("type: 'authorization-returned'");
    expect(script.text).toContain('data.targetOrigin');

    expect((await embed.request('GET', `/connections/${connectionId}`, { sessionId })).json.connection.status).toBe('Linked');
    expect((await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json.status).toBe('Linked');
    const events = await doorway.runtime.deps.store.linkEvents.listForSession(sessionId);
    expect(events.map((e) => e.type)).toEqual(['opened', 'platform_chosen', 'consent_given', 'authorization_started', 'connected']);
  });

  it("refuses a callback without the popup's cookie, and the popup can still finish", async () => {
    const { connectionId, companyId, authorizeUrl } = await consented();
    const popup = new HttpLinkClient(doorway.url);
    const { callbackUrl } = await toCallback(popup, authorizeUrl);

    const stranger = new HttpLinkClient(doorway.url);
    const withoutCookie = await stranger.follow(callbackUrl);
    expect(withoutCookie.status).toBe(403);
    expect(withoutCookie.text).toContain('already been used or has expired');
    await stranger.open(`/link/company/${companyId}`); // now a browser cookie of its own
    expect((await stranger.follow(callbackUrl)).status).toBe(403);
    expect((await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json.status).toBe('PendingAuth');

    expect((await popup.follow(callbackUrl)).status).toBe(200);
    const replayed = await popup.follow(callbackUrl);
    expect(replayed.status, 'single use').toBe(403);
    // The popup's error page keeps its opener (the client's page sees it open until it is closed);
    // a browser that never ran an embedded popup keeps the Hosted Link's isolation.
    expect(replayed.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(withoutCookie.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('posts the result of a cancelled authorization too, and the Link API shows its error', async () => {
    const { embed, sessionId, connectionId, authorizeUrl } = await consented();
    const popup = new HttpLinkClient(doorway.url);
    const callback = await popup.follow((await toCallback(popup, authorizeUrl, 'cancel')).callbackUrl);
    expect(callback.status).toBe(200);
    expect(callback.headers.get(COOP)).toBe('unsafe-none');
    expect(resultOf(callback.text)).toEqual({ connectionId, targetOrigin: ORIGIN });
    const connection = (await embed.request('GET', `/connections/${connectionId}`, { sessionId })).json.connection;
    expect(connection.status).toBe('PendingAuth');
    expect(connection.lastError).toBeTruthy();
  });

  it('refuses a tampered, expired or missing ticket with a friendly 403', async () => {
    const { authorizeUrl } = await consented();
    const ticket = new URL(authorizeUrl).searchParams.get('ticket')!;
    const [payload, signature] = ticket.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!.slice('dwt_'.length), 'base64url').toString()), exp: 9_999_999_999 })).toString('base64url');
    const popup = new HttpLinkClient(doorway.url);
    for (const bad of [`dwt_${forged}.${signature}`, `${payload}.${signature!.slice(1)}`, 'garbage', '']) {
      const refused = await popup.request('GET', `/link/embed/authorize?ticket=${encodeURIComponent(bad)}`);
      expect(refused.status, bad).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/text\/html/);
      expect(refused.text).toContain('This sign-in link has expired or is not valid');
      expect(refused.headers.get('cross-origin-opener-policy'), 'the refusal keeps the opener').toBe('unsafe-none');
    }
    expect((await popup.request('GET', '/link/embed/authorize')).status).toBe(403);
    skewSeconds = 601;
    try {
      expect((await popup.request('GET', authorizeUrl)).status).toBe(403);
    } finally {
      skewSeconds = 0;
    }
    expect((await popup.request('GET', authorizeUrl)).status, 'the same ticket in time').toBe(302);
  });

  it("refuses a returnUrl off the mount's exact origin, and a full-page round trip returns to it", async () => {
    const { connectionId, companyId, authorizeUrl } = await consented();
    const page = new HttpLinkClient(doorway.url);
    for (const returnUrl of ['https://attacker.example/', 'https://lender.example.attacker.example/', 'http://lender.example/', 'https://lender.example:8443/', 'javascript:alert(1)', 'not a url']) {
      const refused = await page.request('GET', `${authorizeUrl}&returnUrl=${encodeURIComponent(returnUrl)}`);
      expect(refused.status, returnUrl).toBe(400);
      expect(refused.text).toContain('cannot return to that page');
    }
    const returnUrl = `${ORIGIN}/apply/step-3?company=${companyId}`;
    const { callbackUrl } = await toCallback(page, `${authorizeUrl}&returnUrl=${encodeURIComponent(returnUrl)}`);
    const back = await page.follow(callbackUrl);
    // A page that navigates on, not a 302: the platform form's form-action CSP covers redirects.
    expect(back.status).toBe(200);
    const escaped = returnUrl.replace(/&/g, '&amp;');
    expect(back.text).toContain(`<meta http-equiv="refresh" content="0;url=${escaped}">`);
    expect(back.text).toContain(`<a href="${escaped}">`);
    expect((await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json.status).toBe('Linked');
  });

  it('keeps Cross-Origin-Opener-Policy same-origin on every Hosted Link page', async () => {
    const companyId = (await doorway.api('POST', '/companies', { name: 'Hosted Ltd' })).json.id as string;
    const browser = new HttpLinkClient(doorway.url);
    const opened = await browser.request('GET', `/link/company/${companyId}`);
    expect(opened.headers.get(COOP)).toBe('same-origin');
    const sessionId = (await browser.open(`/link/company/${companyId}`)).sessionId;
    const consent = await browser.api(sessionId, 'POST', `/connections/${(await browser.api(sessionId, 'POST', '/connections', { platformKey: 'mqjo' })).json.connection.id}/consent`);
    expect(consent.json.next.url).toMatch(/^\/link\/s\//);
    const toPlatform = await browser.follow(consent.json.next.url as string);
    expect(toPlatform.headers.get(COOP)).toBe('same-origin');
    const { callback } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
    expect(callback.status).toBe(302);
    expect(callback.headers.get(COOP)).toBe('same-origin');
    for (const path of [callback.location!, '/link/done', '/link/oauth/callback?state=not-a-state-at-all-0123456789', '/link/assets/page.css']) {
      expect((await browser.follow(path)).headers.get(COOP), path).toBe('same-origin');
    }
  });

  it('revokes every access token issued so far, and a token fetched afterwards works', async () => {
    const { companyId, accessToken } = await embeddableCompany(doorway, ORIGIN, 'Revoked Ltd');
    const before = new EmbeddedLinkClient(doorway.url, ORIGIN, companyId, accessToken);
    const sessionId = await before.openSession();
    const revoked = await fetch(`${doorway.url}/companies/${companyId}/accessToken`, { method: 'DELETE', headers: { Authorization: doorway.authHeader } });
    expect(revoked.status).toBe(204);
    expect((await before.request('GET', '/state', { sessionId })).status).toBe(401);
    expect((await before.request('POST', '/sessions')).status).toBe(401);

    skewSeconds = 2; // tokens record whole seconds: one from the revocation's second is refused too
    try {
      const fresh = (await doorway.api('GET', `/companies/${companyId}/accessToken`)).json.accessToken as string;
      const after = new EmbeddedLinkClient(doorway.url, ORIGIN, companyId, fresh);
      expect((await after.request('GET', '/state', { sessionId: await after.openSession() })).status).toBe(200);
      expect((await before.request('POST', '/sessions')).status).toBe(401);
    } finally {
      skewSeconds = 0;
    }
    const unknown = await doorway.api('DELETE', '/companies/00000000-0000-4000-8000-000000000000/accessToken');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ statusCode: 404, service: 'PublicApi', error: expect.stringMatching(/No company was found/) });
  });
});
