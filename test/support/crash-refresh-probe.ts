/**
 * The token-refresh state of a crash test's database, read directly beside the Doorway processes
 * (test/crash/token-refresh-crash.test.ts): how many refresh rows were leased at a kill, the
 * PostgreSQL test's one intervention while every process is dead (moving leases into the past),
 * and the final snapshot the verdict compares: each connection's status and the refresh token
 * Doorway stores (opened with the crash test's encryption key) against the Sandbox's grant.
 */
import pg from 'pg';
import { createSecretBox, parseEncryptionKey } from '../../src/security/secret-box.js';
import { openConnectionCredentials } from '../../src/services/connections/connection-credentials.js';
import { sqliteOpenedPerUse } from './crash-outbox-probe.js';

/** One connection at the end, as stored. */
export interface ConnectionSnapshot {
  connectionId: string;
  companyId: string;
  status: string;
  /** The generation of the refresh token Doorway stores, and the grant it names (null: none stored). */
  storedGrantId: string | null;
  storedGeneration: number | null;
  /** The Sandbox's side of that grant: its current generation and when it last rotated. */
  grantGeneration: number | null;
  grantRotatedAt: number | null;
  /** connection_token_refresh.last_refreshed_at (taken when the token response arrived). */
  lastRefreshedAt: number | null;
  leasedNow: boolean;
}

export interface RefreshProbe {
  /** Refresh rows under a live lease right now (a refresh in flight, or its holder's corpse). */
  leased(): Promise<number>;
  /** Moves every live lease into the past (only while no process that could hold one runs). */
  expireLeases(): Promise<number>;
  snapshot(): Promise<ConnectionSnapshot[]>;
  close(): Promise<void>;
}

interface Row {
  id: string;
  company_id: string;
  status: string;
  credentials_sealed: string | null;
  last_refreshed_at: string | null;
  lease_until: string | null;
}
interface GrantRow {
  id: string;
  refresh_generation: number | string;
  expires_at: string;
}

const CONNECTIONS = `SELECT c.id, c.company_id, c.status, c.credentials_sealed, r.last_refreshed_at, r.lease_until
  FROM connections c LEFT JOIN connection_token_refresh r ON r.connection_id = c.id WHERE c.integration_key = 'mqjo'`;
const GRANTS = 'SELECT id, refresh_generation, expires_at FROM sandbox_grants';
const LEASED = 'SELECT COUNT(*) AS n FROM connection_token_refresh WHERE lease_until > ';
const EXPIRE = 'UPDATE connection_token_refresh SET lease_until = ';

const nowIso = () => new Date().toISOString();

/** The claims of a Sandbox refresh token (`sbx2.<base64url JSON>.<mac>`): no key needed to read them. */
function refreshClaims(token: string | null): { grantId: string; generation: number } | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { grantId: string; generation: number };
  return { grantId: claims.grantId, generation: claims.generation };
}

function combine(encryptionKey: string, refreshTtlSeconds: number, rows: Row[], grants: GrantRow[]): ConnectionSnapshot[] {
  const secrets = createSecretBox(parseEncryptionKey(encryptionKey));
  const grantById = new Map(grants.map((g) => [g.id, g]));
  const now = nowIso();
  return rows.map((row) => {
    const credentials = row.credentials_sealed === null ? null : openConnectionCredentials(secrets, row.id, row.credentials_sealed);
    const claims = credentials?.kind === 'oauth2' ? refreshClaims(credentials.refreshToken) : null;
    const grant = claims ? grantById.get(claims.grantId) : undefined;
    return {
      connectionId: row.id,
      companyId: row.company_id,
      status: row.status,
      storedGrantId: claims?.grantId ?? null,
      storedGeneration: claims?.generation ?? null,
      grantGeneration: grant ? Number(grant.refresh_generation) : null,
      // Every rotation sets the grant's expiry to now + the refresh token's lifetime.
      grantRotatedAt: grant ? Date.parse(grant.expires_at) - refreshTtlSeconds * 1000 : null,
      lastRefreshedAt: row.last_refreshed_at === null ? null : Date.parse(row.last_refreshed_at),
      leasedNow: row.lease_until !== null && row.lease_until > now,
    };
  });
}

export function sqliteRefreshProbe(filename: string, encryptionKey: string, refreshTtlSeconds: number): RefreshProbe {
  // Opened per use; WAL lets it read beside a running Doorway.
  const withDb = sqliteOpenedPerUse(filename);
  return {
    leased: async () => withDb((db) => Number((db.prepare(`${LEASED}?`).get(nowIso()) as { n: number }).n)),
    expireLeases: async () => withDb((db) => db.prepare(`${EXPIRE}? WHERE lease_until > ?`).run(new Date(Date.now() - 1000).toISOString(), nowIso()).changes),
    snapshot: async () =>
      withDb((db) => combine(encryptionKey, refreshTtlSeconds, db.prepare(CONNECTIONS).all() as Row[], db.prepare(GRANTS).all() as GrantRow[])),
    close: async () => {},
  };
}

export function postgresRefreshProbe(connectionString: string, encryptionKey: string, refreshTtlSeconds: number): RefreshProbe {
  const pool = new pg.Pool({ connectionString, max: 1 });
  return {
    leased: async () => Number((await pool.query(`${LEASED}$1`, [nowIso()])).rows[0].n),
    expireLeases: async () => (await pool.query(`${EXPIRE}$1 WHERE lease_until > $2`, [new Date(Date.now() - 1000).toISOString(), nowIso()])).rowCount ?? 0,
    async snapshot() {
      const rows = (await pool.query(CONNECTIONS)).rows as Row[];
      const grants = (await pool.query(GRANTS)).rows as GrantRow[];
      return combine(encryptionKey, refreshTtlSeconds, rows, grants);
    },
    close: () => pool.end(),
  };
}
