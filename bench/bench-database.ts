import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config/load-config.js';
import type { BenchDialect, BenchSettings } from './settings.js';

export interface BenchDatabase {
  /** What goes into Doorway's `Config.database`. */
  config: DatabaseConfig;
  /** Scratch directory for Doorway's `dataDir` (and the SQLite file). */
  dataDir: string;
  /** Deletes everything this database created; safe to call more than once. */
  drop(): Promise<void>;
}

/** A brand-new, empty database: never one a developer or a test might be using. */
export async function createBenchDatabase(dialect: BenchDialect, settings: BenchSettings): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-bench-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return { config: { kind: 'sqlite', filename: path.join(dataDir, 'doorway.db') }, dataDir, drop: async () => removeDir() };
  }
  // The name is generated here (hex only), so interpolating it into DDL is safe.
  const name = `doorway_bench_${randomBytes(6).toString('hex')}`;
  try {
    await adminQuery(settings.postgresUrl, `CREATE DATABASE ${name}`);
  } catch (error) {
    removeDir();
    throw error;
  }
  const url = new URL(settings.postgresUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    config: { kind: 'postgres', connectionString: url.toString(), poolSize: settings.postgresPoolSize },
    dataDir,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      removeDir();
      // pg's pool.end() resolves before its sockets have said goodbye; FORCE-terminating them then
      // makes pg emit an unhandled FATAL error that kills the run. So wait for them to leave first.
      await waitForDisconnect(settings.postgresUrl, name);
      // FORCE: a pool left open by a failed step must not keep the database alive.
      await adminQuery(settings.postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(connectionString: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Waits (up to ~2 s) until no session is connected to `name`; after that, FORCE does the rest. */
async function waitForDisconnect(connectionString: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}
