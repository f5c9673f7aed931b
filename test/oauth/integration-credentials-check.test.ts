/**
 * The Portal's "test" of a client's own OAuth app (services/integrations/test-integration-
 * credentials.ts), called directly with the real runtime, against a real authorization server
 * (oidc-provider) with right and wrong secrets, a token endpoint that answers a bare 401, one that
 * is down (503), and one nobody listens on. On SQLite and PostgreSQL (the saved secret is read
 * from the store and opened).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import type { Actor } from '../../src/services/deps.js';
import { testIntegrationCredentials } from '../../src/services/integrations/test-integration-credentials.js';
import { updateIntegrationSettings } from '../../src/services/integrations/update-integration-settings.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { oidcTestPlatform, writeProvidersFile } from '../support/oidc-platform.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { closedPortUrl, startLocalServer, type LocalServer } from './support/local-server.js';
import { BASIC_CLIENT, POST_CLIENT, startOidcServer, type OidcServer } from './support/oidc-server.js';

describe.each(TEST_DIALECTS)('testing a client’s OAuth app on %s', (dialect) => {
  let oidc: OidcServer;
  let bare401: LocalServer;
  let doorway: RunningDoorway;
  let actor: Actor;
  let otherActor: Actor;
  const deps = () => doorway.runtime.deps;
  const check = (platformKey: string, input: { clientId?: string; clientSecret?: string } = {}, who = actor) =>
    testIntegrationCredentials(deps(), who, platformKey, input);

  beforeAll(async () => {
    oidc = await startOidcServer();
    bare401 = await startLocalServer((_request, response) => response.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized'));
    const down = await closedPortUrl();
    const providersFile = writeProvidersFile([
      oidcTestPlatform(oidc.issuer),
      oidcTestPlatform(oidc.issuer, { tokenEndpointAuth: 'client_secret_post' }, { key: 'tbkp', name: 'Test Books Post' }),
      oidcTestPlatform(bare401.url, {}, { key: 'tbku', name: 'Bare 401 Books' }),
      oidcTestPlatform(down, {}, { key: 'tbkd', name: 'Down Books' }),
    ]);
    doorway = await startDoorway({ dialect, config: { providersFile } });
    actor = { clientId: (await createClient(deps(), { name: 'App Lender' })).client.id };
    otherActor = { clientId: (await createClient(deps(), { name: 'Other Lender' })).client.id };
    await updateIntegrationSettings(deps(), actor, 'tbks', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret });
  });
  afterAll(async () => {
    await doorway?.close();
    await oidc?.close();
    await bare401?.close();
  });

  it('finds the saved app valid (client_secret_basic, secret with reserved characters)', async () => {
    const before = oidc.tokenRequests.refresh_token ?? 0;
    await expect(check('tbks')).resolves.toEqual({ result: 'valid', message: 'Test Books accepted the client id and secret.', tokenHost: new URL(oidc.issuer).host });
    expect(oidc.tokenRequests.refresh_token).toBe(before + 1);
  });

  it('finds an unsaved wrong secret invalid, and the saved app still valid afterwards', async () => {
    const wrong = await check('tbks', { clientSecret: 'not-the-secret-at-all' });
    expect(wrong.result).toBe('invalid');
    expect(wrong.message).toContain('Test Books did not accept the client id and secret (invalid_client)');
    expect(wrong.message).not.toContain('not-the-secret-at-all');
    expect((await check('tbks')).result).toBe('valid');
  });

  it('tests unsaved credentials with client_secret_post, and an unknown client id', async () => {
    await expect(check('tbkp', POST_CLIENT)).resolves.toMatchObject({ result: 'valid' });
    await expect(check('tbkp', { clientId: 'nobody', clientSecret: 'whatever-secret' })).resolves.toMatchObject({ result: 'invalid' });
  });

  it('reads a bare HTTP 401 as refused credentials', async () => {
    await expect(check('tbku', POST_CLIENT)).resolves.toMatchObject({ result: 'invalid', message: expect.stringContaining('HTTP 401') });
  });

  it('cannot check a token endpoint that is down or unreachable, and says why', async () => {
    oidc.failTokenRequests(503);
    try {
      const down = await check('tbks');
      expect(down.result).toBe('unchecked');
      expect(down.message).toContain('Could not check: The token endpoint answered HTTP 503');
    } finally {
      oidc.failTokenRequests(null);
    }
    const unreachable = await check('tbkd', POST_CLIENT);
    expect(unreachable).toMatchObject({ result: 'unchecked', message: expect.stringMatching(/^Could not check: 127\.0\.0\.1:\d+ refused the connection\.$/) });
  });

  it('cannot check a platform whose token endpoint depends on what the business enters', async () => {
    const shopify = await check('fztf', { clientId: 'id', clientSecret: 'secret' });
    expect(shopify).toMatchObject({ result: 'unchecked', tokenHost: null });
    expect(shopify.message).toContain('depends on what each business enters');
  });

  it('refuses platforms without an app of the client’s, a missing secret, and an unknown platform', async () => {
    await expect(check('ltpp')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('enter its own credentials') });
    await expect(check('mqjo')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Doorway’s own app') });
    await expect(check('tbkp', { clientId: 'only-an-id' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(check('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never uses another client’s saved app', async () => {
    await expect(check('tbks', {}, otherActor)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
