/**
 * The access-token extension with Doorway's own Sandbox (rotating, revocable refresh tokens) and
 * with credentials given to `PUT /authorization`: the shapes a client gets back, on both databases.
 */
import { describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('access tokens of Sandbox and credentials connections on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });
  const newCompany = async () => (await doorway.api('POST', '/companies', { name: 'Sandbox Token Ltd' })).json.id as string;

  it('refreshes a Sandbox connection on demand through the Sandbox token endpoint', async () => {
    const companyId = await newCompany();
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(`/link/company/${companyId}`);
    const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
    const path = `/companies/${companyId}/connections/${connectionId}/accessToken`;
    const first = await doorway.api('GET', path);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ accessToken: expect.any(String), tokenType: 'bearer' });
    const forced = await doorway.api('GET', `${path}?forceRefresh=true`);
    expect(forced.status).toBe(200);
    expect(forced.json.accessToken).not.toBe(first.json.accessToken);
    // The rotated refresh token was stored: refreshing again works.
    const again = await doorway.api('GET', `${path}?forceRefresh=true`);
    expect(again.status).toBe(200);
    expect(again.json.accessToken).not.toBe(forced.json.accessToken);
    expect((await doorway.runtime.deps.store.tokenRefresh.find(connectionId))?.lastRefreshedAt).toEqual(expect.any(String));
  });

  it('answers the stored fields of a connection authorized with credentials', async () => {
    const companyId = await newCompany();
    const pending = (await doorway.api('POST', `/companies/${companyId}/connections`, { platformKey: 'mqjo' })).json;
    expect((await doorway.api('PUT', `/companies/${companyId}/connections/${pending.id}/authorization`, { apiKey: 'k-123', tenant: 't-1' })).status).toBe(200);
    const read = await doorway.api('GET', `/companies/${companyId}/connections/${pending.id}/accessToken`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ fields: { apiKey: 'k-123', tenant: 't-1' }, connectionInfo: read.json.connectionInfo });
    expect(await doorway.runtime.deps.store.tokenRefresh.find(pending.id as string)).toBeUndefined();
  });

  it('is documented as a Doorway extension, next to Codat\'s company-level access token', async () => {
    const doc = (await (await fetch(`${doorway.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags: string[]; operationId: string }>> };
    expect(doc.paths['/companies/{companyId}/connections/{connectionId}/accessToken']?.get?.tags).toEqual(['Connections', 'Doorway extensions']);
    expect(doc.paths['/companies/{companyId}/accessToken']?.get?.operationId).toBe('get-company-access-token');
  });
});
