/** SQLite checkpoints run in a worker thread (not inside commits): the WAL's pages still reach the database file. */
import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/storage/kysely/database.js';
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
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 500_000);
  } finally {
    await database.close();
    await test.drop();
  }
});
