/**
 * Signing in to the Portal over HTTP, on both databases: the session cookie, CSRF on sign-in and
 * on every change, one answer for a wrong email or password, throttling, sign-out (here and
 * everywhere), and what an anonymous request gets.
 */
import { describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { PortalClient, signInAsAdmin, staffUser } from '../support/portal-client.js';
import { doorwayForSuite, TEST_ADMIN } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Portal sessions on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  it('serves the Portal page with the Link CSP, never framed, and a pre-session CSRF cookie', async () => {
    const browser = new PortalClient(doorway.url);
    const response = await browser.fetch('/portal/companies');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('dw_portal_csrf='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/portal/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(await response.text()).toContain('/portal/assets/portal.js');
  });

  it('signs in with a session cookie and says who is signed in', async () => {
    const admin = await signInAsAdmin(doorway);
    expect(admin.session).toMatchObject({ user: { email: TEST_ADMIN.email, role: 'admin' }, client: { slug: 'default' } });
    expect(admin.session!.urls.invite).toBe(`${doorway.url}/link/invite/default`);
    const me = await admin.get('/session');
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe(TEST_ADMIN.email);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, scoped to /portal', async () => {
    const browser = new PortalClient(doorway.url);
    const result = await browser.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const cookie = result.headers.getSetCookie().find((line) => line.startsWith('dw_portal_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/portal/);
    // Secure only where Doorway's URL is https; this one is http://127.0.0.1.
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await new PortalClient(doorway.url).signIn('nobody@nowhere.test', 'some password here');
    const wrong = await new PortalClient(doorway.url).signIn(TEST_ADMIN.email, 'not the password at all');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json.error.message).toBe(wrong.json.error.message);
    expect(unknown.headers.getSetCookie().some((line) => line.startsWith('dw_portal_session='))).toBe(false);
  });

  it('refuses a sign-in without the pre-session CSRF token, or from another origin', async () => {
    const browser = new PortalClient(doorway.url);
    await browser.openPage();
    const body = { email: TEST_ADMIN.email, password: TEST_ADMIN.password };
    expect((await browser.call('POST', '/session', body, { 'X-CSRF-Token': undefined })).status).toBe(403);
    expect((await browser.call('POST', '/session', body, { 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(403);
    expect((await browser.call('POST', '/session', body, { Origin: 'https://evil.example' })).status).toBe(403);
    // A page that never loaded the Portal has no cookie to match.
    const stranger = new PortalClient(doorway.url);
    expect((await stranger.call('POST', '/session', body, { 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(403);
  });

  it('refuses every change without the session CSRF token', async () => {
    const admin = await signInAsAdmin(doorway);
    const refused = await admin.call('DELETE', '/session', undefined, { 'X-CSRF-Token': undefined });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/CSRF/);
    expect((await admin.call('DELETE', '/session', undefined, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await admin.get('/session')).status).toBe(200);
  });

  it('answers anonymous API requests 401 and unknown API paths 404, as JSON', async () => {
    const anonymous = new PortalClient(doorway.url);
    const result = await anonymous.get('/session');
    expect(result.status).toBe(401);
    expect(result.json.error.code).toBe('UNAUTHORIZED');
    expect((await anonymous.get('/companies')).status).toBe(401);
    const admin = await signInAsAdmin(doorway);
    const missing = await admin.get('/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
  });

  it('signs out this browser, and everywhere', async () => {
    const first = await signInAsAdmin(doorway);
    const second = await signInAsAdmin(doorway);
    expect((await first.del('/session')).status).toBe(204);
    expect((await first.get('/session')).status).toBe(401);
    expect((await second.get('/session')).status).toBe(200);

    const user = await staffUser(doorway, 'viewer');
    const otherDevice = new PortalClient(doorway.url);
    await otherDevice.signIn(user.email, user.password);
    const everywhere = await user.post('/session/sign-out-everywhere');
    expect(everywhere.status).toBe(200);
    expect(everywhere.json.ended).toBe(2);
    expect((await user.get('/session')).status).toBe(401);
    expect((await otherDevice.get('/session')).status).toBe(401);
    expect((await second.get('/session')).status).toBe(200);
  });

  it('slows down repeated failures for an account, even with the right password afterwards', async () => {
    const user = await staffUser(doorway, 'developer');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await new PortalClient(doorway.url).signIn(user.email, 'wrong password attempt')).status).toBe(401);
    }
    const throttled = await new PortalClient(doorway.url).signIn(user.email, user.password);
    expect(throttled.status).toBe(429);
    expect(throttled.json.error.message).toMatch(/Too many sign-in attempts/);
    // An unknown email is throttled the same way, so the answer never tells whether it exists.
    for (let attempt = 0; attempt < 5; attempt += 1) await new PortalClient(doorway.url).signIn('ghost@nowhere.test', 'wrong password attempt');
    expect((await new PortalClient(doorway.url).signIn('ghost@nowhere.test', 'wrong password attempt')).status).toBe(429);
    // Other accounts are unaffected.
    expect((await new PortalClient(doorway.url).signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(201);
  });

  it('answers bad sign-in bodies with 400, never a 5xx', async () => {
    const browser = new PortalClient(doorway.url);
    await browser.openPage();
    expect((await browser.call('POST', '/session', { email: 5 })).status).toBe(400);
    expect((await browser.call('POST', '/session', { email: 'a\u0000b@x.test', password: 'p' })).status).toBe(400);
    expect((await browser.call('POST', '/session', { email: 'x'.repeat(300), password: 'p' })).status).toBe(400);
    const notJson = await browser.fetch('/portal/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': browser.csrfToken }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});
