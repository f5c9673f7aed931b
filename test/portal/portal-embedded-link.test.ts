/**
 * The Portal's Embedded Link page over HTTP on both databases: every role reads the allowed
 * origins and the module URLs, only a developer changes them, a bad origin is a 400 that names
 * it, another client's staff see their own list, and an origin saved here is the one the
 * embedded Link API then answers (the same list as the public API's /corsSettings).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { EmbeddedLinkClient } from '../support/embedded-link-client.js';
import { signInAsAdmin, staffUser, type PortalClient } from '../support/portal-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Portal Embedded Link page on %s', (dialect) => {
  let doorway: RunningDoorway;
  let developer: PortalClient;
  let viewer: PortalClient;
  let otherAdmin: PortalClient;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    await signInAsAdmin(doorway);
    developer = await staffUser(doorway, 'developer');
    viewer = await staffUser(doorway, 'viewer');
    const other = await createClient(doorway.runtime.deps, { name: 'Other Lender' });
    otherAdmin = await staffUser(doorway, 'admin', other.client.id);
  });
  afterAll(async () => doorway?.close());

  it('shows every role the origins and the module URLs; a viewer cannot change them', async () => {
    await doorway.api('POST', '/corsSettings', { allowedOrigins: ['https://app.lender.example'] });
    const view = await viewer.get('/settings/embedded-link');
    expect(view.status).toBe(200);
    expect(view.json).toEqual({
      allowedOrigins: ['https://app.lender.example'],
      linkSdkUrl: `${doorway.url}/link-sdk`,
      connectionsSdkUrl: `${doorway.url}/connections-sdk`,
    });
    expect((await viewer.put('/settings/embedded-link', { allowedOrigins: [] })).status).toBe(403);
    expect((await doorway.api('GET', '/corsSettings')).json.allowedOrigins).toEqual(['https://app.lender.example']);
  });

  it("saves a developer's origins (trimmed, as origins, blank lines dropped), which the embedded Link API then allows", async () => {
    const saved = await developer.put('/settings/embedded-link', { allowedOrigins: [' https://portal.lender.example/some/page ', '', 'http://localhost:3000'] });
    expect(saved.status).toBe(200);
    expect(saved.json.allowedOrigins).toEqual(['https://portal.lender.example', 'http://localhost:3000']);
    expect((await doorway.api('GET', '/corsSettings')).json.allowedOrigins).toEqual(['https://portal.lender.example', 'http://localhost:3000']);

    const companyId = (await doorway.api('POST', '/companies', { name: 'Portal Embed Ltd' })).json.id as string;
    const token = (await doorway.api('GET', `/companies/${companyId}/accessToken`)).json.accessToken as string;
    const embed = new EmbeddedLinkClient(doorway.url, 'https://portal.lender.example', companyId, token);
    expect((await embed.preflight('/sessions')).status).toBe(204);
    expect((await embed.preflight('/sessions', 'https://app.lender.example')).status).toBe(403);
  });

  it('answers a bad origin with a 400 naming it, and changes nothing', async () => {
    const before = (await developer.get('/settings/embedded-link')).json.allowedOrigins;
    const refused = await developer.put('/settings/embedded-link', { allowedOrigins: ['http://evil.example'] });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('http://evil.example');
    expect((await developer.put('/settings/embedded-link', { allowedOrigins: 'https://x.example' })).status).toBe(400);
    expect((await developer.get('/settings/embedded-link')).json.allowedOrigins).toEqual(before);
  });

  it("keeps each client's origins its own", async () => {
    expect((await otherAdmin.get('/settings/embedded-link')).json.allowedOrigins).toEqual([]);
    await otherAdmin.put('/settings/embedded-link', { allowedOrigins: ['https://other.example'] });
    expect((await developer.get('/settings/embedded-link')).json.allowedOrigins).not.toContain('https://other.example');
  });
});
