import Database from 'better-sqlite3';
import pg from 'pg';
import type { Runtime } from '../src/bootstrap/create-runtime.js';
import { oauth2Credentials } from '../src/domain/connection-credentials.js';
import { toIso } from '../src/domain/clock.js';
import { refreshAccessToken, resolveOAuth2 } from '../src/providers/oauth2/index.js';
import { signSandboxToken } from '../src/providers/sandbox/sandbox-tokens.js';
import { sealConnectionCredentials } from '../src/services/connections/connection-credentials.js';
import type { SeededRefreshes } from './refresh-seed.js';

/**
 * The token refresh's same-work reference: for each connection, one refresh-token POST to the
 * same Sandbox token endpoint (same process, same HTTP client and OAuth library, so the
 * Sandbox's own cost, its grant compare-and-swap included, is in it too), then the new token
 * set sealed and stored by one prepared UPDATE, at the job's concurrency. What it leaves out is
 * Doorway's own bookkeeping: the lease, re-reading the connection and its credentials under it,
 * the schedule, one transaction for tokens and schedule.
 */
export interface SameWorkRefreshes {
  run(concurrency: number): Promise<void>;
  close(): Promise<void>;
}

const UPDATE = 'update "connections" set "credentials_sealed" = ? where "id" = ? and "client_id" = ?';

type UpdateSealed = (sealed: string, id: string, clientId: string) => Promise<void>;

function openUpdate(runtime: Runtime): { update: UpdateSealed; close(): Promise<void> } {
  const config = runtime.config.database;
  if (config.kind === 'sqlite') {
    // A second connection with Doorway's pragmas; Doorway's checkpointer thread does the checkpoints.
    const db = new Database(config.filename);
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_autocheckpoint = 0');
    const statement = db.prepare(UPDATE);
    return { update: async (sealed, id, clientId) => void statement.run(sealed, id, clientId), close: async () => void db.close() };
  }
  const pool = new pg.Pool({ connectionString: config.connectionString, max: config.poolSize });
  pool.on('error', () => {});
  const text = 'update "connections" set "credentials_sealed" = $1 where "id" = $2 and "client_id" = $3';
  return {
    update: async (sealed, id, clientId) => void (await pool.query({ name: 'same_work_refresh_update', text, values: [sealed, id, clientId] })),
    close: () => pool.end(),
  };
}

/**
 * Prepared off the clock: each grant's current refresh token (generation 1, after Doorway's own
 * run rotated every grant once), the resolved Sandbox endpoints and the UPDATE.
 */
export function prepareSameWorkRefreshes(runtime: Runtime, seeded: SeededRefreshes): SameWorkRefreshes {
  const { deps, config } = runtime;
  const provider = deps.providers.get('mqjo');
  if (!provider) throw new Error('refresh benchmark: the Sandbox provider is missing');
  const oauth = resolveOAuth2(provider, { publicUrl: config.publicUrl, scopesOverride: null, connectionConfig: {} });
  const signingKey = deps.secrets.deriveKey('sandbox-signing');
  const now = deps.clock.now();
  const clientId = deps.sandboxOAuthApp.clientId;
  const work = seeded.connections.map((c) => ({
    ...c,
    refreshToken: signSandboxToken(signingKey, { kind: 'refresh', grantId: c.grantId, generation: 1, clientId }, now, config.sandbox.refreshTokenTtlSeconds),
  }));
  const { update, close } = openUpdate(runtime);
  return {
    async run(concurrency) {
      let next = 0;
      const lane = async () => {
        while (next < work.length) {
          const item = work[next++]!;
          const obtainedAt = deps.clock.now();
          const result = await refreshAccessToken(oauth, deps.sandboxOAuthApp, { refreshToken: item.refreshToken, now: obtainedAt, fetch: deps.outboundFetch });
          if (!result.ok) throw new Error(`refresh benchmark: the reference's refresh failed: ${result.error.kind}`);
          const sealed = sealConnectionCredentials(deps.secrets, item.id, oauth2Credentials({ ...result.tokens, refreshToken: result.tokens.refreshToken ?? item.refreshToken }, toIso(obtainedAt)));
          await update(sealed, item.id, seeded.clientId);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
    },
    close,
  };
}
