/**
 * OUTBOUND_ALLOW_PRIVATE_DESTINATIONS at the Link flow: with it off, a platform whose token
 * endpoint is on 127.0.0.1 (oidc-provider) is refused and the connection records why, while
 * Doorway's own Sandbox, under its PUBLIC_URL on 127.0.0.1 too, still links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { authorizeThroughRedirects, oidcTestPlatform, writeProvidersFile } from '../support/oidc-platform.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { BASIC_CLIENT, listenOidcServer, type PendingOidcServer } from '../oauth/support/oidc-server.js';

describe('outbound destinations in the Link flow (private destinations refused)', () => {
  let authorizationServer: PendingOidcServer;
  let doorway: RunningDoorway;

  beforeAll(async () => {
    authorizationServer = await listenOidcServer();
    const providersFile = writeProvidersFile([oidcTestPlatform(authorizationServer.issuer)]);
    doorway = await startDoorway({ config: { providersFile, outbound: { allowPrivateDestinations: false } } });
    authorizationServer.configure([`${doorway.url}/link/oauth/callback`]);
    await doorway.api('PUT', '/integrations/tbks/settings', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret });
  });
  afterAll(async () => {
    await doorway?.close();
    await authorizationServer?.close();
  });

  it('refuses a token endpoint on a loopback address and says so in the connection’s errors', async () => {
    const company = (await doorway.api('POST', '/companies', { name: 'Guarded Ltd' })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const chosen = await browser.api(sessionId, 'POST', '/connections', { platformKey: 'tbks' });
    const connectionId = chosen.json.connection.id as string;
    const consent = await browser.api(sessionId, 'POST', `/connections/${connectionId}/consent`);
    await authorizeThroughRedirects(browser, consent.json.next.url as string, doorway.url);
    const connection = (await doorway.api('GET', `/companies/${company.id}/connections/${connectionId}`)).json;
    expect(connection.status).toBe('PendingAuth');
    expect(connection.dataConnectionErrors.at(-1)).toMatchObject({
      statusCode: '502',
      errorMessage: expect.stringMatching(/^127\.0\.0\.1:\d+ is not an allowed destination .*OUTBOUND_ALLOW_PRIVATE_DESTINATIONS/),
    });
  });

  it('still links Doorway’s own Sandbox, which lives under its PUBLIC_URL on 127.0.0.1', async () => {
    const company = (await doorway.api('POST', '/companies', { name: 'Sandbox Ltd' })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
    expect((await doorway.api('GET', `/companies/${company.id}/connections/${connectionId}`)).json.status).toBe('Linked');
  });
});
