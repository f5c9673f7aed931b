/**
 * The outbox of a crash test's database, read (and its leases expired) directly, beside the
 * Doorway processes: how much was pending and leased at a kill, and the one intervention the
 * PostgreSQL test makes while every process is dead (see webhook-crash.test.ts).
 */
import Database from 'better-sqlite3';
import pg from 'pg';

const PENDING = `status IN ('Sending', 'Attempting')`;

export interface OutboxCounts {
  /** Messages not yet delivered successfully (Sending or Attempting). */
  pending: number;
  /** Of those, messages under a live lease: claimed by a worker, attempt not yet recorded. */
  leased: number;
}

export interface OutboxProbe {
  counts(): Promise<OutboxCounts>;
  /** Moves every live lease into the past (only while no process that could hold one runs). */
  expireLeases(): Promise<number>;
  close(): Promise<void>;
}

const nowIso = () => new Date().toISOString();
const expiredIso = () => new Date(Date.now() - 1000).toISOString();

/** A crash test's SQLite database, opened for one use and closed again (the crash probes read it beside Doorway). */
export const sqliteOpenedPerUse =
  (filename: string) =>
  <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(filename);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };

export function sqliteProbe(filename: string): OutboxProbe {
  // Opened per use, only while the Doorway process is dead, and closed before it restarts.
  const withDb = sqliteOpenedPerUse(filename);
  return {
    counts: async () =>
      withDb((db) => {
        const row = db
          .prepare(`SELECT COUNT(*) AS pending, COUNT(CASE WHEN locked_until > ? THEN 1 END) AS leased FROM webhook_messages WHERE ${PENDING}`)
          .get(nowIso()) as { pending: number; leased: number };
        return { pending: Number(row.pending), leased: Number(row.leased) };
      }),
    expireLeases: async () =>
      withDb((db) => db.prepare(`UPDATE webhook_messages SET locked_until = ? WHERE ${PENDING} AND locked_until > ?`).run(expiredIso(), nowIso()).changes),
    close: async () => {},
  };
}

export function postgresProbe(connectionString: string): OutboxProbe {
  const pool = new pg.Pool({ connectionString, max: 1 });
  return {
    async counts() {
      const { rows } = await pool.query(
        `SELECT COUNT(*) AS pending, COUNT(CASE WHEN locked_until > $1 THEN 1 END) AS leased FROM webhook_messages WHERE ${PENDING}`,
        [nowIso()],
      );
      return { pending: Number(rows[0].pending), leased: Number(rows[0].leased) };
    },
    async expireLeases() {
      const result = await pool.query(`UPDATE webhook_messages SET locked_until = $1 WHERE ${PENDING} AND locked_until > $2`, [expiredIso(), nowIso()]);
      return result.rowCount ?? 0;
    },
    close: () => pool.end(),
  };
}
