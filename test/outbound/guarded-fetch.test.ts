/**
 * The destination-guarded fetch against real listeners on 127.0.0.1, and as oauth4webapi's
 * customFetch against a real authorization server (oidc-provider): refused by default, allowed
 * with the outbound setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch } from '../../src/outbound/guarded-fetch.js';
import { createPlatformFetch } from '../../src/outbound/platform-fetch.js';
import { refreshAccessToken, resolveOAuth2 } from '../../src/providers/oauth2/index.js';
import { providerDefinitionSchema } from '../../src/providers/schema.js';
import { oidcTestPlatform } from '../support/oidc-platform.js';
import { startLocalServer, type LocalServer } from '../oauth/support/local-server.js';
import { POST_CLIENT, startOidcServer, type OidcServer } from '../oauth/support/oidc-server.js';

const made: GuardedFetch[] = [];
const guarded = (allowPrivateDestinations: boolean, timeoutMs = 2000) => {
  const created = createGuardedFetch({ allowPrivateDestinations, userAgent: 'Doorway-Test/1', timeoutMs });
  made.push(created);
  return created.fetch;
};

function destinationCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}

describe('guarded fetch', () => {
  let server: LocalServer;
  let oidc: OidcServer;

  beforeAll(async () => {
    server = await startLocalServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      } else if (request.url === '/slow') {
        // Never answers: the timeout must.
      } else if (request.url === '/empty') {
        response.writeHead(204).end();
      } else {
        response.writeHead(200, { 'content-type': 'application/json', 'x-echo': 'yes' }).end(JSON.stringify({ method: request.method, body: request.body, headers: request.headers }));
      }
    });
    oidc = await startOidcServer();
  });
  afterAll(async () => {
    for (const created of made) created.close();
    await server.close();
    await oidc.close();
  });

  it('sends the method, headers and body and returns a WHATWG Response', async () => {
    const response = await guarded(true)(`${server.url}/echo`, { method: 'POST', headers: { 'x-test': 'a' }, body: new URLSearchParams({ grant_type: 'x' }) });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-echo')).toBe('yes');
    const echoed = (await response.json()) as { method: string; body: string; headers: Record<string, string> };
    expect(echoed).toMatchObject({ method: 'POST', body: 'grant_type=x' });
    expect(echoed.headers['x-test']).toBe('a');
    expect(echoed.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(echoed.headers['user-agent']).toBe('Doorway-Test/1');
    expect((await guarded(true)(`${server.url}/empty`)).status).toBe(204);
  });

  it('refuses loopback by name and IP-literal private addresses by default, sending nothing', async () => {
    const before = server.requests.length;
    const fetch = guarded(false);
    const port = new URL(server.url).port;
    for (const url of [`${server.url}/echo`, `http://localhost:${port}/echo`, `http://[::1]:${port}/`, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/', 'http://[::ffff:127.0.0.1]/']) {
      const error = await fetch(url).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, url).toBeInstanceOf(TypeError);
      expect(destinationCode(error), url).toBe('ERR_DESTINATION_REFUSED');
    }
    expect(server.requests.length).toBe(before);
  });

  it('never follows a redirect, and times out a platform that does not answer', async () => {
    const fetch = guarded(true, 200);
    const redirected = await fetch(`${server.url}/redirect`, { redirect: 'follow' });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:1/elsewhere');
    await expect(fetch(`${server.url}/slow`)).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(fetch(`${server.url}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('exempts only Doorway’s own Sandbox endpoints from the guard', async () => {
    const fetch = createPlatformFetch({ guarded: guarded(false), direct: globalThis.fetch, ownSandboxPrefix: `${server.url}/sandbox/` });
    expect((await fetch(`${server.url}/sandbox/oauth/token`, { method: 'POST' })).status).toBe(200);
    await expect(fetch(`${server.url}/sandboxed`)).rejects.toBeInstanceOf(TypeError);
    await expect(fetch(`${server.url}/other/sandbox/`)).rejects.toBeInstanceOf(TypeError);
  });

  describe('as the OAuth engine’s fetch (oauth4webapi customFetch)', () => {
    const config = () =>
      resolveOAuth2(providerDefinitionSchema.parse(oidcTestPlatform(oidc.issuer, { tokenEndpointAuth: 'client_secret_post' })), { publicUrl: 'http://doorway.invalid' });

    it('refuses a token endpoint on 127.0.0.1 by default, with a message naming the setting', async () => {
      const result = await refreshAccessToken(config(), POST_CLIENT, { refreshToken: 'unknown', now: new Date(), fetch: guarded(false) });
      expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
      if (result.ok) return;
      expect(result.error.kind === 'network' && result.error.message).toMatch(/127\.0\.0\.1:\d+ is not an allowed destination.*OUTBOUND_ALLOW_PRIVATE_DESTINATIONS/);
    });

    it('reaches it with private destinations allowed (the server answers the bogus token with invalid_grant)', async () => {
      const result = await refreshAccessToken(config(), POST_CLIENT, { refreshToken: 'unknown', now: new Date(), fetch: guarded(true) });
      expect(result).toMatchObject({ ok: false, error: { kind: 'oauth_error', status: 400, error: 'invalid_grant' } });
    });
  });
});
