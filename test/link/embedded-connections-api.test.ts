/**
 * The Connections SDK's list over HTTP (docs/embedded-link.md, "Connections SDK"): the company's
 * own Linked, Unlinked and Deauthorized connections in every category with the date first
 * authorized, never a PendingAuth one nor another company's, and that date kept through a
 * disconnect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { embeddableCompany, EmbeddedLinkClient } from '../support/embedded-link-client.js';
import { linkThroughHostedLink } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const ORIGIN = 'https://lender.example';

describe.each(TEST_DIALECTS)('Connections SDK list on %s', (dialect) => {
  let doorway: RunningDoorway;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
  });
  afterAll(async () => doorway?.close());

  /** A company with one Sandbox connection Linked through its Hosted Link URL. */
  const linkedCompany = async (name: string) => {
    const { companyId, accessToken } = await embeddableCompany(doorway, ORIGIN, name);
    const connectionId = await linkThroughHostedLink(doorway, companyId);
    return { embed: new EmbeddedLinkClient(doorway.url, ORIGIN, companyId, accessToken), connectionId };
  };

  it('lists the Linked connection with its category and first-authorized date, not a PendingAuth one', async () => {
    const { embed, connectionId } = await linkedCompany('Listed Ltd');
    const pending = await doorway.api('POST', `/companies/${embed.companyId}/connections`, { platformKey: 'bnks' });
    expect(pending.json.status, JSON.stringify(pending.json)).toBe('PendingAuth');
    const sessionId = await embed.openSession();
    const listed = await embed.request('GET', '/connections', { sessionId });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(listed.json.connections).toHaveLength(1);
    const [connection] = listed.json.connections;
    expect(connection).toMatchObject({ id: connectionId, status: 'Linked', category: 'accounting', platformKey: 'mqjo', platformName: expect.any(String) });
    const viaApi = (await doorway.api('GET', `/companies/${embed.companyId}/connections/${connectionId}`)).json;
    expect(Date.parse(connection.linkedAt)).toBeGreaterThanOrEqual(Date.parse(viaApi.created));
    expect(connection.logoUrl).toMatch(/^http/);
  });

  it('keeps listing a disconnected connection, Unlinked, with the date it was first authorized', async () => {
    const { embed, connectionId } = await linkedCompany('Disconnected Ltd');
    const sessionId = await embed.openSession();
    const before = (await embed.request('GET', '/connections', { sessionId })).json.connections[0];
    const disconnected = await embed.request('POST', `/connections/${connectionId}/disconnect`, { sessionId });
    expect(disconnected.status).toBe(200);
    const after = (await embed.request('GET', '/connections', { sessionId })).json.connections;
    expect(after).toEqual([{ ...before, status: 'Unlinked' }]);
    expect((await doorway.api('GET', `/companies/${embed.companyId}/connections/${connectionId}`)).json.status).toBe('Unlinked');
  });

  it("shows only the token's own company, and needs the session", async () => {
    const first = await linkedCompany('First Ltd');
    const second = await linkedCompany('Second Ltd');
    const sessionId = await second.embed.openSession();
    const own = (await second.embed.request('GET', '/connections', { sessionId })).json.connections;
    expect(own.map((c: { id: string }) => c.id)).toEqual([second.connectionId]);
    expect((await second.embed.request('GET', '/connections', { sessionId, token: first.embed.accessToken })).status).toBe(401);
    expect((await second.embed.request('GET', '/connections')).status).toBe(403);
  });
});
