import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import type { Runtime } from '../src/bootstrap/create-runtime.js';
import { toIso } from '../src/domain/clock.js';
import type { Connection } from '../src/domain/connection.js';
import { oauth2Credentials } from '../src/domain/connection-credentials.js';
import { newId, randomToken } from '../src/domain/ids.js';
import type { SandboxGrant } from '../src/domain/sandbox-grant.js';
import { signSandboxToken } from '../src/providers/sandbox/sandbox-tokens.js';
import { listSandboxDatasets } from '../src/providers/sandbox/datasets.js';
import { markConnectionLinked } from '../src/services/connections/mark-connection-linked.js';
import { refreshPlannerStatistics } from '../src/storage/kysely/database.js';
import type { CompaniesTable, ConnectionsTable } from '../src/storage/kysely/tables.js';

/** The Sandbox's own integration key: rotating refresh tokens, a grant row per connection. */
const SANDBOX_KEY = 'mqjo';
const SCOPE = 'accounting.read';
/** Rows per bulk insert and per linking transaction (bound-parameter limits; one commit per batch). */
const BATCH = 500;

export interface SeededRefreshes {
  clientId: string;
  connections: Array<{ id: string; companyId: string; grantId: string }>;
  milliseconds: number;
}

/**
 * `count` Linked Sandbox connections whose tokens are all due now, each in its own company:
 * companies and pending connections inserted in bulk, then every connection Linked by the
 * production `markConnectionLinked` (credentials sealed, refresh row scheduled, event published)
 * with a grant in `sandbox_grants` and tokens signed by the Sandbox's own key, so its token
 * endpoint accepts them. The access tokens were obtained an hour ago and expire in a minute:
 * past the Sandbox's 15-minute margin, so each row is due at once.
 */
export async function seedDueSandboxConnections(runtime: Runtime, clientId: string, count: number): Promise<SeededRefreshes> {
  const started = performance.now();
  const { deps } = runtime;
  const db = runtime.database.db;
  const signingKey = deps.secrets.deriveKey('sandbox-signing');
  const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = runtime.config.sandbox;
  const dataset = listSandboxDatasets()[0]!.id;
  const oauthClientId = deps.sandboxOAuthApp.clientId;
  const connections: SeededRefreshes['connections'] = [];

  const linkBatch = async (from: number, to: number) => {
    const now = deps.clock.now();
    const created = toIso(now);
    const companies: Insertable<CompaniesTable>[] = [];
    const pending: Connection[] = [];
    for (let i = from; i < to; i++) {
      const companyId = newId();
      companies.push({ id: companyId, client_id: clientId, name: `Refresh Co ${i}`, description: null, tags: '{}', created, modified: created, last_sync: null, created_by_user_name: null });
      pending.push({
        id: newId(), clientId, companyId, integrationKey: SANDBOX_KEY, sourceType: 'Accounting', status: 'PendingAuth',
        created, modified: created, lastSync: null, linkedAt: null, connectionInfo: null, dataConnectionErrors: [],
      });
    }
    const rows: Insertable<ConnectionsTable>[] = pending.map((c) => ({
      id: c.id, client_id: clientId, company_id: c.companyId, integration_key: c.integrationKey, source_type: c.sourceType, status: c.status,
      created, modified: created, last_sync: null, linked_at: null, connection_info: null, data_connection_errors: '[]', credentials_sealed: null,
    }));
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('companies').values(companies).execute();
      await trx.insertInto('connections').values(rows).execute();
    });
    const obtainedAt = new Date(now.getTime() - (accessTokenTtlSeconds - 60) * 1000);
    await deps.store.transaction(async (tx) => {
      for (const connection of pending) {
        const grant: SandboxGrant = {
          id: randomToken(16), oauthClientId, dataset, scope: SCOPE, refreshGeneration: 0, created,
          expiresAt: toIso(new Date(now.getTime() + refreshTokenTtlSeconds * 1000)), revokedAt: null,
        };
        await tx.sandboxGrants.insert(grant);
        const tokens = {
          accessToken: signSandboxToken(signingKey, { kind: 'access', grantId: grant.id, clientId: oauthClientId, dataset, scope: SCOPE }, obtainedAt, accessTokenTtlSeconds),
          refreshToken: signSandboxToken(signingKey, { kind: 'refresh', grantId: grant.id, generation: 0, clientId: oauthClientId }, now, refreshTokenTtlSeconds),
          tokenType: 'bearer',
          expiresAt: toIso(new Date(obtainedAt.getTime() + accessTokenTtlSeconds * 1000)),
          scope: SCOPE,
          idToken: null,
        };
        await markConnectionLinked(deps, tx, connection, oauth2Credentials(tokens, toIso(obtainedAt)), { connectionInfo: { dataset } });
        connections.push({ id: connection.id, companyId: connection.companyId, grantId: grant.id });
      }
    });
  };

  // PostgreSQL: a few batches at once (each statement is a round trip); SQLite runs them one by one anyway.
  const lanes = runtime.database.dialect === 'postgres' ? 8 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) {
        const from = next;
        next = Math.min(count, next + BATCH);
        await linkBatch(from, next);
      }
    }),
  );
  if (runtime.database.dialect === 'postgres') await sql`ANALYZE`.execute(db);
  else await refreshPlannerStatistics(db);
  return { clientId, connections, milliseconds: performance.now() - started };
}
