/**
 * Embedded Link's Link API over HTTP (docs/embedded-link.md): only the client's CORS origins get
 * an answer they can read, only a valid company access token opens or uses a session, a session
 * is bound to the token that opened it, and a mount's options narrow what the client allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { embeddableCompany, EmbeddedLinkClient } from '../support/embedded-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const ORIGIN = 'https://lender.example';

describe.each(TEST_DIALECTS)('Embedded Link API on %s', (dialect) => {
  let doorway: RunningDoorway;
  let skewSeconds = 0;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect, clock: { now: () => new Date(Date.now() + skewSeconds * 1000) } });
  });
  afterAll(async () => doorway?.close());

  const client = async (name?: string) => {
    const { companyId, accessToken } = await embeddableCompany(doorway, ORIGIN, name);
    return new EmbeddedLinkClient(doorway.url, ORIGIN, companyId, accessToken);
  };

  it('answers the preflight of a registered origin, and only with what the SDK sends', async () => {
    const embed = await client();
    const preflight = await embed.preflight('/sessions');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-CSRF-Token');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('vary')).toBe('Origin');
  });

  it('refuses an unregistered origin, on the preflight and on the call, without CORS headers', async () => {
    const embed = await client();
    const preflight = await embed.preflight('/sessions', 'https://attacker.example');
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const call = await embed.request('POST', '/sessions', { origin: 'https://attacker.example' });
    expect(call.status).toBe(403);
    expect(call.headers.get('access-control-allow-origin')).toBeNull();
    expect(call.json.error.code).toBe('FORBIDDEN');
    expect((await embed.request('POST', '/sessions', { origin: null })).status).toBe(403);
  });

  it('opens a session with the token, sets no cookie, and serves the Link state to it', async () => {
    const embed = await client('State Ltd');
    const opened = await embed.request('POST', '/sessions', { body: { options: {} } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect(opened.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(opened.json).toEqual({ sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), companyId: embed.companyId });
    const state = await embed.request('GET', '/state', { sessionId: opened.json.sessionId });
    expect(state.status).toBe(200);
    expect(state.json.company).toEqual({ id: embed.companyId, name: 'State Ltd' });
  });

  it("refuses a tampered token, another company's token, no token and an expired one", async () => {
    const embed = await client();
    const other = await client('Other Ltd');
    const [payload, signature] = embed.accessToken.split('.');
    const tampered = `${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [tampered, other.accessToken, null, 'dwat_garbage']) {
      const refused = await embed.request('POST', '/sessions', { token });
      expect(refused.status, String(token)).toBe(401);
      expect(refused.json.error.code).toBe('UNAUTHORIZED');
      expect(refused.headers.get('access-control-allow-origin'), 'the page can read why').toBe(ORIGIN);
    }
    const sessionId = await embed.openSession();
    skewSeconds = 86_401;
    try {
      expect((await embed.request('GET', '/state', { sessionId })).status).toBe(401);
    } finally {
      skewSeconds = 0;
    }
  });

  it('binds a session to the token that opened it', async () => {
    const embed = await client();
    const sessionId = await embed.openSession();
    // Another valid token for the same company (one issued through the API in the same second
    // would be byte-identical, so this one is minted with another expiry).
    const claims = doorway.runtime.deps.accessTokens.verify(embed.accessToken, Math.floor(Date.now() / 1000))!;
    const another = doorway.runtime.deps.accessTokens.issue({ ...claims, expiresAt: claims.expiresAt - 60 });
    expect((await embed.request('GET', '/state', { sessionId, token: another })).status).toBe(403);
    expect((await embed.request('GET', '/state', { sessionId: 'x'.repeat(32) })).status).toBe(403);
    expect((await embed.request('GET', '/state', { sessionId })).status).toBe(200);
  });

  it("narrows the client's settings with the mount's options and never widens them", async () => {
    await doorway.api('PUT', '/settings/link', { showSandboxIntegrations: true });
    const embed = await client();
    const narrowed = await embed.openSession({
      showSandboxIntegrations: true,
      sourceTypes: { banking: { optional: false, enableIntegrations: true, allowedIntegrations: ['bnks'] } },
    });
    const state = (await embed.request('GET', '/state', { sessionId: narrowed })).json;
    expect(state.categories.map((c: { key: string }) => c.key)).toEqual(['banking']);
    expect(state.categories[0].optional).toBe(false);
    expect(state.categories[0].integrations.map((i: { key: string }) => i.key)).toEqual(['bnks']);

    // Commerce is off in the client's settings: a mount cannot bring it back, nor an optional accounting.
    const widened = await embed.openSession({
      sourceTypes: { accounting: { optional: true, enableIntegrations: true }, commerce: { optional: true, enableIntegrations: true } },
    });
    const wide = (await embed.request('GET', '/state', { sessionId: widened })).json;
    expect(wide.categories.map((c: { key: string; optional: boolean }) => [c.key, c.optional])).toEqual([['accounting', false]]);

    await doorway.api('PUT', '/settings/link', { showSandboxIntegrations: false });
    const hidden = await embed.openSession({ showSandboxIntegrations: true });
    const offered = (await embed.request('GET', '/state', { sessionId: hidden })).json.categories.flatMap((c: { integrations: { key: string }[] }) => c.integrations.map((i) => i.key));
    expect(offered).not.toContain('mqjo');
    expect((await embed.request('POST', '/connections', { sessionId: hidden, body: { platformKey: 'mqjo' } })).status).toBe(400);
    await doorway.api('PUT', '/settings/link', { showSandboxIntegrations: true });
  });

  it("records the Link SDK's visits in the auth funnel and not the Connections SDK's", async () => {
    const embed = await client();
    const linkSession = await embed.openSession();
    const opened = await embed.request('POST', '/sessions', { body: { component: 'connections', options: {} } });
    expect(opened.status).toBe(200);
    const connectionsSession = opened.json.sessionId as string;
    await embed.request('POST', '/connections', { sessionId: connectionsSession, body: { platformKey: 'mqjo' } });
    const events = async (sessionId: string) => (await doorway.runtime.deps.store.linkEvents.listForSession(sessionId)).map((event) => event.type);
    expect(await events(linkSession)).toEqual(['opened']);
    expect(await events(connectionsSession)).toEqual([]);
    expect((await embed.request('POST', '/sessions', { body: { component: 'portal' } })).status).toBe(400);
  });

  it('answers bad options in the Link API error format, not a 5xx', async () => {
    const embed = await client();
    const bad = await embed.request('POST', '/sessions', { body: { options: { sourceTypes: { banking: { optional: 'no' } } } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_REQUEST');
  });
});
