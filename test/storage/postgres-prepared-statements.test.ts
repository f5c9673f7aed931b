/** PostgreSQL connections: hot queries run as named prepared statements, survive another process's schema change, and the pool outlives the server ending its connections. */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/storage/kysely/database.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('postgres prepared statements', () => {
  let test: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    test = await createTestDatabase('postgres');
    database = openDatabase(test.config);
    await sql`CREATE TABLE gadgets (id integer PRIMARY KEY, name text NOT NULL)`.execute(database.db);
    await sql`INSERT INTO gadgets VALUES (1, 'one'), (2, 'two')`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('prepares a data statement once per connection and reuses it', async () => {
    const prepared = await database.db.transaction().execute(async (trx) => {
      for (const id of [1, 2, 1]) await trx.selectFrom('gadgets' as never).selectAll().where('id' as never, '=', id as never).execute();
      return (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(trx)).rows.map((r) => r.statement);
    });
    expect(prepared.filter((statement) => /from "gadgets" where "id" = \$1/.test(statement))).toHaveLength(1);
    // Transaction control stays unnamed.
    expect(prepared.some((statement) => /^begin/i.test(statement))).toBe(false);
  });

  it('runs everything unnamed when switched off (for poolers that cannot keep prepared statements)', async () => {
    const unprepared = openDatabase({ ...(test.config as Extract<typeof test.config, { kind: 'postgres' }>), preparedStatements: false });
    try {
      const prepared = await unprepared.db.transaction().execute(async (trx) => {
        await trx.selectFrom('gadgets' as never).selectAll().execute();
        return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(trx)).rows[0]?.n;
      });
      expect(prepared).toBe(0);
    } finally {
      await unprepared.close();
    }
  });

  it('falls back to an unnamed statement when another process changed the table under it', async () => {
    const all = () => database.db.selectFrom('gadgets' as never).selectAll().orderBy('id' as never).execute();
    // Warm every pooled connection, so the statement is prepared wherever the next query lands.
    await Promise.all(Array.from({ length: 12 }, all));
    const other = new pg.Client({ connectionString: test.config.kind === 'postgres' ? test.config.connectionString : '' });
    await other.connect();
    await other.query('ALTER TABLE gadgets ADD COLUMN colour text');
    await other.end();
    const rows = await Promise.all(Array.from({ length: 12 }, all));
    for (const result of rows) expect(result[0]).toEqual({ id: 1, name: 'one', colour: null });
  });

  it('survives the server ending its idle connections, and reconnects', async () => {
    // A database of its own, so only this pool's connections are ended.
    const own = await createTestDatabase('postgres');
    const errors: Error[] = [];
    const survivor = openDatabase(own.config, { onIdleConnectionError: (error) => errors.push(error) });
    try {
      await Promise.all(Array.from({ length: 3 }, () => sql`SELECT pg_sleep(0.01)`.execute(survivor.db)));
      const admin = new pg.Client({ connectionString: own.config.kind === 'postgres' ? own.config.connectionString : '' });
      await admin.connect();
      const ended = await admin.query('SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) t');
      await admin.end();
      const terminated = ended.rows[0].n as number;
      expect(terminated).toBe(3);
      // Each idle connection reports its end on its own; once all have, none is handed out again.
      const deadline = Date.now() + 5000;
      while (errors.length < terminated && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).toHaveLength(terminated);
      expect(errors[0]?.message).toMatch(/terminat/i);
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(survivor.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await survivor.close();
      await own.drop();
    }
  });
});
