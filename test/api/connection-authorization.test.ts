/**
 * `PUT /authorization` and the Link flow mark a connection Linked through the same use-case: a
 * connection whose authorization failed in Link and is then given credentials through the API
 * shows its error resolved (Codat's `resolvedOnUtc`), in the response, on a later read and in the
 * `connection.connected` event; the credentials are sealed as field credentials.
 */
import { describe, expect, it } from 'vitest';
import { openConnectionCredentials } from '../../src/services/connections/connection-credentials.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('PUT /authorization on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  async function failedLinkConnection() {
    const company = (await doorway.api('POST', '/companies', { name: 'Migrated Ltd' })).json;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(company.redirect as string);
    const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'cancel');
    const path = `/companies/${company.id}/connections/${connectionId}`;
    const failed = await doorway.api('GET', path);
    expect(failed.json).toMatchObject({ status: 'PendingAuth', dataConnectionErrors: [{ statusCode: '403', status: 'Active' }] });
    expect(failed.json.dataConnectionErrors[0].resolvedOnUtc).toBeUndefined();
    return { companyId: company.id as string, connectionId, path };
  }

  it('resolves the errors the Link flow recorded, and says so in the event', async () => {
    const { companyId, connectionId, path } = await failedLinkConnection();
    const linked = await doorway.api('PUT', `${path}/authorization`, { apiKey: 'migrated-key', accessToken: 'from-another-aggregator' });
    expect(linked.status).toBe(200);
    expect(linked.json.status).toBe('Linked');
    const [error] = linked.json.dataConnectionErrors;
    expect(error).toMatchObject({ statusCode: '403', status: 'Resolved', resolvedOnUtc: expect.any(String) });
    expect(Date.parse(error.resolvedOnUtc)).toBeGreaterThanOrEqual(Date.parse(error.erroredOnUtc));
    expect((await doorway.api('GET', path)).json.dataConnectionErrors).toEqual(linked.json.dataConnectionErrors);

    const events = await doorway.runtime.database.db.selectFrom('webhook_events').select(['event_type', 'body']).where('company_id', '=', companyId).execute();
    const connected = events.filter((e) => e.event_type === 'connection.connected');
    expect(connected).toHaveLength(1);
    expect(JSON.parse(connected[0]!.body).payload.connection.dataConnectionErrors[0]).toMatchObject({ status: 'Resolved' });

    const row = await doorway.runtime.database.db.selectFrom('connections').select('credentials_sealed').where('id', '=', connectionId).executeTakeFirstOrThrow();
    expect(row.credentials_sealed).not.toContain('migrated-key');
    expect(openConnectionCredentials(doorway.runtime.deps.secrets, connectionId, row.credentials_sealed!)).toEqual({
      kind: 'fields',
      fields: { apiKey: 'migrated-key', accessToken: 'from-another-aggregator' },
    });
  });

  it('sends connection.reconnected when an unlinked connection is authorized again', async () => {
    const { companyId, path } = await failedLinkConnection();
    expect((await doorway.api('PUT', `${path}/authorization`, { apiKey: 'first' })).status).toBe(200);
    expect((await doorway.api('PATCH', path, { status: 'Unlinked' })).status).toBe(200);
    const again = await doorway.api('PUT', `${path}/authorization`, { apiKey: 'second' });
    expect(again.json).toMatchObject({ status: 'Linked' });
    const events = await doorway.runtime.database.db.selectFrom('webhook_events').select('event_type').where('company_id', '=', companyId).execute();
    const count = (type: string) => events.filter((e) => e.event_type === type).length;
    expect([count('connection.connected'), count('connection.disconnected'), count('connection.reconnected')]).toEqual([1, 1, 1]);
  });
});
