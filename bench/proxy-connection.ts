import { oauth2Credentials } from '../src/domain/connection-credentials.js';
import { createCompany } from '../src/services/companies/create-company.js';
import { createConnection } from '../src/services/connections/create-connection.js';
import { markConnectionLinked } from '../src/services/connections/mark-connection-linked.js';
import type { BenchDoorway } from './doorway.js';

/** The access token the proxy benchmark's connection holds; its platform API accepts only it. */
export const PROXY_BENCH_TOKEN = 'bench-access-token-0123456789';

/**
 * A company with a Sandbox connection marked Linked with a known OAuth token, through the same
 * use-cases the Link flow ends with (a browser flow per run would measure Link, not the proxy).
 * Returns the connection's proxy path.
 */
export async function linkProxyConnection(doorway: BenchDoorway): Promise<string> {
  const { deps } = doorway.runtime;
  const actor = { clientId: doorway.clientId };
  const { company } = await createCompany(deps, actor, { name: 'Proxy Bench Ltd' });
  const connection = await createConnection(deps, actor, company.id, 'mqjo');
  const tokens = { accessToken: PROXY_BENCH_TOKEN, refreshToken: null, tokenType: 'bearer', expiresAt: null, scope: null, idToken: null };
  await deps.store.transaction((tx) => markConnectionLinked(deps, tx, connection, oauth2Credentials(tokens)));
  return `/companies/${company.id}/connections/${connection.id}/proxy`;
}
