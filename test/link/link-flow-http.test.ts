/**
 * The Hosted Link flow and its security properties over plain HTTP (no browser): sessions bound
 * to the browser cookie, single-use OAuth state, no open redirects, framing forbidden.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('Link flow over HTTP on %s', (dialect) => {
  let doorway: RunningDoorway;

  const api = (method: string, path: string, body?: unknown) => doorway.api(method, path, body);

  async function newCompany(name = 'Flow Ltd'): Promise<string> {
    return (await api('POST', '/companies', { name })).json.id as string;
  }

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
  });
  afterAll(async () => doorway?.close());

  describe('Sandbox journey over HTTP', () => {
    it('links the Sandbox, stores tokens sealed and redirects with placeholders filled', async () => {
      await api('PUT', '/profile', {
        name: 'Lender',
        redirectUrl: 'https://lender.example/{ref}/done?company={companyId}&conn={connectionId}&p={platform}&n={platformName}&t={sourceType}&s={statusCode}&e={errorMessage}',
        whiteListUrls: ['https://lender.example'],
      });
      const companyId = await newCompany('Journey Ltd');
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(`/link/company/${companyId}?ref=app%201`);
      expect(sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);

      const state = await browser.api(sessionId, 'GET', '/state');
      expect(state.json.company.name).toBe('Journey Ltd');
      expect(state.json.canComplete).toBe(false);
      expect(state.json.categories.map((c: { key: string }) => c.key)).toEqual(['accounting', 'banking']);

      const { connectionId, callback } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      expect(callback.status).toBe(302);
      expect(callback.location).toBe(`/link/s/${sessionId}?result=${connectionId}`);
      const connection = await api('GET', `/companies/${companyId}/connections/${connectionId}`);
      expect(connection.json.status).toBe('Linked');

      const stored = await doorway.runtime.database.db.selectFrom('connections').select('credentials_sealed').where('id', '=', connectionId).executeTakeFirstOrThrow();
      const tokens = JSON.parse(doorway.runtime.deps.secrets.open(stored.credentials_sealed!, `connection:${connectionId}`)) as { accessToken: string };
      expect(tokens.accessToken.length).toBeGreaterThan(20);
      expect(stored.credentials_sealed).not.toContain(tokens.accessToken);

      const finished = await browser.api(sessionId, 'POST', '/complete');
      expect(finished.status).toBe(200);
      const redirect = new URL(finished.json.redirectUrl as string);
      expect(redirect.origin + redirect.pathname).toBe('https://lender.example/app%201/done');
      expect(Object.fromEntries(redirect.searchParams)).toEqual({
        company: companyId, conn: connectionId, p: 'mqjo', n: 'Sandbox', t: 'Accounting', s: '200', e: '',
      });

      const events = await doorway.runtime.deps.store.linkEvents.listForSession(sessionId);
      expect(events.map((e) => e.type)).toEqual(['opened', 'platform_chosen', 'consent_given', 'authorization_started', 'connected', 'completed']);
    });

    it('records a cancelled or failed authorization and lets the SMB try again', async () => {
      const companyId = await newCompany();
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(`/link/company/${companyId}`);
      const cancelled = await authorizeThroughSandbox(browser, sessionId, 'cancel');
      const afterCancel = await api('GET', `/companies/${companyId}/connections/${cancelled.connectionId}`);
      expect(afterCancel.json.status).toBe('PendingAuth');
      expect(afterCancel.json.dataConnectionErrors[0]).toMatchObject({ statusCode: '403', status: 'Active' });

      const failed = await authorizeThroughSandbox(browser, sessionId, 'error');
      expect(failed.connectionId).toBe(cancelled.connectionId); // the pending connection is reused
      const view = await browser.api(sessionId, 'GET', `/connections/${failed.connectionId}`);
      expect(view.json.connection.lastError.message).toMatch(/Simulated error/);

      const retried = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      const linked = await api('GET', `/companies/${companyId}/connections/${retried.connectionId}`);
      expect(linked.json.status).toBe('Linked');
      expect(linked.json.dataConnectionErrors.every((e: { status: string }) => e.status === 'Resolved')).toBe(true);
    });

    it('exits with statusCode 403 and "User cancelled."', async () => {
      await api('PUT', '/profile', { name: 'Lender', redirectUrl: 'https://lender.example/back?s={statusCode}&e={errorMessage}', whiteListUrls: [] });
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(`/link/company/${await newCompany()}`);
      const exit = await browser.api(sessionId, 'POST', '/exit');
      expect(exit.json.redirectUrl).toBe('https://lender.example/back?s=403&e=User%20cancelled.');
    });

    it("sends a pending connection's linkUrl straight to the platform", async () => {
      const companyId = await newCompany();
      const created = await api('POST', `/companies/${companyId}/connections`, { platformKey: 'mqjo' });
      const browser = new HttpLinkClient(doorway.url);
      const start = await browser.request('GET', created.json.linkUrl as string);
      expect(start.status).toBe(302);
      expect(start.location).toMatch(new RegExp(`^${doorway.url}/sandbox/oauth/authorize\\?`));
      expect(new URL(start.location!).searchParams.get('code_challenge_method')).toBe('S256');
    });

    it('creates a company from the Invite URL', async () => {
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open('/link/invite/default');
      const invited = await browser.api(sessionId, 'POST', '/invite/default', { companyName: 'Invited (Co)' });
      expect(invited.json.next).toBe(`/link/s/${sessionId}`);
      const state = await browser.api(sessionId, 'GET', '/state');
      expect(state.json.company.name).toBe('Invited Co');
      const listed = await api('GET', `/companies?query=${encodeURIComponent('name=Invited Co')}`);
      expect(listed.json.totalResults).toBe(1);
    });
  });

  describe('Link security', () => {
    it('forbids framing and inline script on every Link response', async () => {
      const browser = new HttpLinkClient(doorway.url);
      const companyId = await newCompany();
      for (const path of [`/link/company/${companyId}`, '/link/company/unknown', '/link/done', '/link/assets/page.css', '/link/api/state', '/link/invite/nope']) {
        const response = await browser.request('GET', path);
        expect(response.headers.get('x-frame-options'), path).toBe('DENY');
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("frame-ancestors 'none'");
        if (path.startsWith(`/link/company/${companyId}`)) expect(csp).toContain("script-src 'self'");
      }
      const sandbox = await browser.request('GET', '/sandbox/oauth/authorize?client_id=x');
      expect(sandbox.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });

    it('gives unknown companies and deleted connections a friendly page, not a stack trace', async () => {
      const browser = new HttpLinkClient(doorway.url);
      const unknown = await browser.request('GET', '/link/company/00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('We could not find this link');
      const companyId = await newCompany();
      const created = await api('POST', `/companies/${companyId}/connections`, { platformKey: 'mqjo' });
      await api('DELETE', `/companies/${companyId}/connections/${created.json.id}`);
      const gone = await browser.request('GET', created.json.linkUrl as string);
      expect(gone.status).toBe(404);
      expect(gone.headers.get('content-type')).toMatch(/text\/html/);
    });

    it('rejects API calls without the session header or from another browser', async () => {
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(`/link/company/${await newCompany()}`);
      expect((await browser.request('GET', '/link/api/state')).status).toBe(403);
      const thief = new HttpLinkClient(doorway.url);
      await thief.open(`/link/company/${await newCompany('Thief Ltd')}`);
      const stolen = await thief.api(sessionId, 'GET', '/state');
      expect(stolen.status).toBe(403);
      expect(stolen.json.error.message).toMatch(/another browser/);
    });

    it('ignores a replayed callback and a tampered state', async () => {
      const companyId = await newCompany();
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(`/link/company/${companyId}`);
      const first = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      await api('PATCH', `/companies/${companyId}/connections/${first.connectionId}`, { status: 'Unlinked' });

      const replay = await browser.follow(first.callbackUrl);
      expect(replay.status).toBe(403);
      expect(replay.text).toContain('already been used');
      expect((await api('GET', `/companies/${companyId}/connections/${first.connectionId}`)).json.status).toBe('Unlinked');

      const tampered = new URL(first.callbackUrl);
      tampered.searchParams.set('state', 'x'.repeat(43));
      expect((await browser.follow(tampered.toString())).status).toBe(403);
    });

    it("cannot link a company with another browser's or another company's callback", async () => {
      const victimCompany = await newCompany('Victim Ltd');
      const victim = new HttpLinkClient(doorway.url);
      const victimSession = (await victim.open(`/link/company/${victimCompany}`)).sessionId;
      const chosen = await victim.api(victimSession, 'POST', '/connections', { platformKey: 'mqjo' });
      const consent = await victim.api(victimSession, 'POST', `/connections/${chosen.json.connection.id}/consent`);
      const toProvider = await victim.follow(consent.json.next.url as string);

      // An attacker authorizes their own sandbox account and tries to land the code on the victim's state…
      const attacker = new HttpLinkClient(doorway.url);
      const attackerSession = (await attacker.open(`/link/company/${await newCompany('Attacker Ltd')}`)).sessionId;
      const attackerRun = await authorizeThroughSandbox(attacker, attackerSession, 'authorize');
      const forged = new URL(attackerRun.callbackUrl);
      forged.searchParams.set('state', new URL(toProvider.location!).searchParams.get('state')!);
      const forgedResult = await attacker.follow(forged.toString());
      expect(forgedResult.status).toBe(403);
      expect((await api('GET', `/companies/${victimCompany}/connections/${chosen.json.connection.id}`)).json.status).toBe('PendingAuth');

      // …or to use the victim's session id for an authorize URL: bound to the victim's browser.
      const hijack = await attacker.follow(consent.json.next.url as string);
      expect(hijack.status).toBe(403);
    });

    it('refuses a redirect whose resolved host is not allowed', async () => {
      await api('PUT', '/profile', { name: 'Lender', redirectUrl: 'https://{env}.lender.example/done', whiteListUrls: ['https://uat.lender.example/done'] });
      const ok = new HttpLinkClient(doorway.url);
      const okSession = (await ok.open(`/link/company/${await newCompany()}?env=uat`)).sessionId;
      expect((await ok.api(okSession, 'POST', '/exit')).json.redirectUrl).toBe('https://uat.lender.example/done');

      const evil = new HttpLinkClient(doorway.url);
      const evilSession = (await evil.open(`/link/company/${await newCompany()}?env=${encodeURIComponent('evil.example/x?')}`)).sessionId;
      const refused = await evil.api(evilSession, 'POST', '/exit');
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.json)).not.toContain('evil.example/x');
    });

    it('only redirects the browser to its own pages or the configured provider', async () => {
      const browser = new HttpLinkClient(doorway.url);
      const companyId = await newCompany();
      const { sessionId } = await browser.open(`/link/company/${companyId}?redirect=https://evil.example&next=https://evil.example`);
      const { callback } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      expect(callback.location!.startsWith('/link/s/')).toBe(true);
      const done = await browser.request('GET', '/link/done?next=https://evil.example');
      expect(done.status).toBe(200);
    });

    it('limits company creation from the Invite URL per IP', async () => {
      const browser = new HttpLinkClient(doorway.url);
      let last = 0;
      for (let i = 0; i < 22; i++) {
        const { sessionId } = await browser.open('/link/invite/default');
        last = (await browser.api(sessionId, 'POST', '/invite/default', { companyName: `Burst ${i}` })).status;
      }
      expect(last).toBe(429);
    });
  });
});
