/** SQLite checkpoints run in a worker thread (not inside commits): the WAL's pages still reach the database file. */
import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { migrateToLatest, openDatabase } from '../../src/storage/kysely/database.js';
import { startCheckpointer } from '../../src/storage/kysely/sqlite-checkpointer.js';
import { createTestDatabase } from '../support/databases.js';

it('copies committed pages into the database file within about a second', async () => {
  const test = await createTestDatabase('sqlite');
  const database = openDatabase(test.config);
  try {
    await migrateToLatest(database.db, 'sqlite');
    const file = test.config.kind === 'sqlite' ? test.config.filename : '';
    await sql`CREATE TABLE filler (body TEXT)`.execute(database.db);
    const before = fs.statSync(file).size;
    for (let i = 0; i < 200; i++) await sql`INSERT INTO filler VALUES (${'x'.repeat(4000)})`.execute(database.db);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(500_000); // no checkpoint inside the commits
    // The checkpointer runs about once a second: poll for its effect instead of sleeping through it.
    const copied = () => fs.statSync(file).size > before + 500_000;
    for (let waited = 0; !copied() && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 500_000);
  } finally {
    await database.close();
    await test.drop();
  }
});

it('refreshes the planner statistics beside the requests, so plans follow the data', async () => {
  const test = await createTestDatabase('sqlite');
  const filename = test.config.kind === 'sqlite' ? test.config.filename : '';
  const database = openDatabase(test.config);
  const checkpointer = startCheckpointer(filename, createRequire(import.meta.url).resolve('better-sqlite3'), { optimizeEveryMs: 100, analysisLimit: 400 });
  try {
    await sql`CREATE TABLE widgets (owner TEXT NOT NULL, name TEXT NOT NULL)`.execute(database.db);
    await sql`CREATE INDEX widgets_by_owner ON widgets (owner, name)`.execute(database.db);
    for (let i = 0; i < 300; i++) await sql`INSERT INTO widgets VALUES (${`owner-${i % 3}`}, ${`w-${i}`})`.execute(database.db);
    // sqlite_stat1 itself only exists once something has been analysed.
    const statistics = async () =>
      (await sql<{ idx: string }>`SELECT idx FROM sqlite_stat1 WHERE tbl = 'widgets'`.execute(database.db).catch(() => ({ rows: [] }))).rows;
    for (let waited = 0; (await statistics()).length === 0 && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await statistics()).toEqual([{ idx: 'widgets_by_owner' }]);
  } finally {
    await checkpointer.stop();
    await database.close();
    await test.drop();
  }
});
