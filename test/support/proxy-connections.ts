import { expect } from 'vitest';
import { openConnectionCredentials } from '../../src/services/connections/connection-credentials.js';
import { authorizeThroughSandbox, HttpLinkClient } from './http-link-client.js';
import type { RunningDoorway } from './start-doorway.js';

/** Proxy suites: the access token Doorway holds for a connection, and a connection Linked through the real Sandbox flow. */
export async function storedAccessToken(doorway: RunningDoorway, connectionId: string): Promise<string> {
  const row = await doorway.runtime.database.db.selectFrom('connections').select('credentials_sealed').where('id', '=', connectionId).executeTakeFirstOrThrow();
  const credentials = openConnectionCredentials(doorway.runtime.deps.secrets, connectionId, row.credentials_sealed!);
  if (credentials.kind !== 'oauth2') throw new Error('expected OAuth credentials');
  return credentials.accessToken;
}

/** A company with a Sandbox connection Linked through the real OAuth flow, and the token Doorway holds for it. */
export async function linkSandboxConnection(doorway: RunningDoorway, platformKey = 'mqjo') {
  const company = (await doorway.api('POST', '/companies', { name: 'Proxy Ltd' })).json;
  const browser = new HttpLinkClient(doorway.url);
  const { sessionId } = await browser.open(company.redirect as string);
  const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'authorize', platformKey);
  const row = await doorway.runtime.database.db.selectFrom('connections').select(['credentials_sealed', 'status']).where('id', '=', connectionId).executeTakeFirstOrThrow();
  expect(row.status).toBe('Linked');
  const credentials = openConnectionCredentials(doorway.runtime.deps.secrets, connectionId, row.credentials_sealed!);
  if (credentials.kind !== 'oauth2') throw new Error('expected OAuth credentials');
  return { companyId: company.id as string, connectionId, accessToken: credentials.accessToken, proxy: `/companies/${company.id}/connections/${connectionId}/proxy` };
}
