import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, sql, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../config/load-config.js';
import { MIGRATIONS } from './migrations/index.js';
import { ensurePrivateDatabaseFiles } from './private-files.js';
import { withPreparedStatements } from './postgres-prepared-statements.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { withStatementCache } from './sqlite-statement-cache.js';

const require = createRequire(import.meta.url);
import type { Tables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * An idle pooled PostgreSQL connection failed (server restart, failover, an administrator's
   * pg_terminate_backend). The pool has already dropped it and opens a new one on demand; without
   * a listener, pg raises the error as an uncaught exception that would end the process.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/** Opens the configured database. SQLite runs in WAL mode with foreign keys on. */
export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Database {
  if (config.kind === 'sqlite') {
    if (config.filename !== ':memory:') ensurePrivateDatabaseFiles(config.filename);
    const sqlite = new SqliteDatabase(config.filename);
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode against process crashes; only an OS crash can lose the last commits.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Unicode-aware case folding for the query language's `~` (SQLite's lower() is ASCII-only).
    sqlite.function('dw_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
    // Checkpoints run beside the requests, not inside their commits: see sqlite-checkpointer.ts.
    sqlite.pragma('wal_autocheckpoint = 0');
    // ANALYZE samples instead of reading whole tables, so refreshing statistics stays milliseconds.
    sqlite.pragma(`analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`);
    const checkpointer =
      config.filename === ':memory:'
        ? undefined
        : startCheckpointer(path.resolve(config.filename), require.resolve('better-sqlite3'), { analysisLimit: SQLITE_ANALYSIS_LIMIT });
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.poolSize,
    // COUNT(*) is int8; parse it per pool rather than mutating pg's global type table.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number.parseInt(value, 10) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  });
  pool.on('error', options.onIdleConnectionError ?? (() => {}));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: config.preparedStatements === false ? pool : withPreparedStatements(pool) }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Applies pending migrations. Kysely's migrator takes a lock table/advisory lock, so several
 * processes starting together against PostgreSQL do not race.
 */
export async function migrateToLatest(db: Kysely<Tables>, dialect?: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'doorway_migrations', migrationLockTableName: 'doorway_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  if (dialect === 'sqlite') await refreshPlannerStatistics(db);
}

/** Rows ANALYZE samples per index: enough to tell a selective index from an unselective one. */
export const SQLITE_ANALYSIS_LIMIT = 400;

/**
 * SQLite plans from statistics (sqlite_stat1) and guesses without them: on 100,000 companies the
 * guess for `tags=uid=M-123` walked every company of the client (11 ms) where statistics make it
 * one index seek (40 µs). PRAGMA optimize refreshes only tables whose statistics are missing or
 * stale, sampling `SQLITE_ANALYSIS_LIMIT` rows: milliseconds. It runs at start and every ten
 * minutes beside the requests (sqlite-checkpointer.ts), as SQLite recommends for long-running
 * processes.
 */
export async function refreshPlannerStatistics(db: Kysely<Tables>): Promise<void> {
  await sql`PRAGMA optimize=0x10002`.execute(db);
}
