import { randomBytes } from 'node:crypto';
import { oauth2Credentials } from '../src/domain/connection-credentials.js';
import type { LinkDeps } from '../src/services/link/link-deps.js';
import { createCompany } from '../src/services/companies/create-company.js';
import { createConnection } from '../src/services/connections/create-connection.js';
import { markConnectionLinked } from '../src/services/connections/mark-connection-linked.js';
import type { LoadTarget } from './measure.js';

/**
 * `GET …/connections/{id}/accessToken` (Doorway extension) on Linked OAuth connections whose
 * tokens are fresh: what every read costs when no refresh is due (find the connection, open the
 * sealed token set, weigh the margin, answer). The Sandbox's policy is used; its tokens here last a day.
 */
const LINKED_CONNECTIONS = 100;

/** Links `LINKED_CONNECTIONS` Sandbox connections (fresh companies, through Doorway's own services) and returns their token paths. */
export async function linkTokenConnections(deps: LinkDeps, clientId: string): Promise<string[]> {
  const actor = { clientId };
  const paths: string[] = [];
  for (let i = 0; i < LINKED_CONNECTIONS; i += 1) {
    const { company } = await createCompany(deps, actor, { name: `Token Bench ${i}` });
    const pending = await createConnection(deps, actor, company.id, 'mqjo');
    const expiresAt = new Date(deps.clock.now().getTime() + 86_400_000).toISOString();
    const tokens = { accessToken: randomBytes(24).toString('base64url'), refreshToken: randomBytes(24).toString('base64url'), tokenType: 'bearer', expiresAt, scope: 'accounting.read', idToken: null };
    await deps.store.transaction((tx) => markConnectionLinked(deps, tx, pending, oauth2Credentials(tokens)));
    paths.push(`/companies/${company.id}/connections/${pending.id}/accessToken`);
  }
  return paths;
}

/** The load target, after one real request proved the route answers a token (a broken route must not pass as a fast one). */
export async function accessTokenTarget(doorwayUrl: string, authorization: string, paths: readonly string[]): Promise<LoadTarget> {
  const probe = await fetch(`${doorwayUrl}${paths[0]}`, { headers: { authorization } });
  const body = (await probe.json()) as { accessToken?: string };
  if (probe.status !== 200 || typeof body.accessToken !== 'string') throw new Error(`GET ${paths[0]}: HTTP ${probe.status} ${JSON.stringify(body).slice(0, 200)}`);
  return {
    label: 'GET /companies/{id}/connections/{id}/accessToken',
    url: doorwayUrl,
    headers: { authorization },
    requests: paths.map((path) => ({ method: 'GET', path })),
  };
}
