/** SQLite group commit: transactions arriving together share a COMMIT, yet fail and succeed alone. */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/storage/kysely/database.js';
import { createGroupCommitter } from '../../src/storage/kysely/sqlite-group-commit.js';
import type { Tables } from '../../src/storage/kysely/tables.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('SQLite group commit', () => {
  let test: TestDatabase;
  let database: Database;
  let commits: number[];
  let committer: ReturnType<typeof createGroupCommitter>;

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    database = openDatabase(test.config);
    await sql`CREATE TABLE notes (body TEXT NOT NULL UNIQUE)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });
  beforeEach(async () => {
    await sql`DELETE FROM notes`.execute(database.db);
    commits = [];
    committer = createGroupCommitter(database.db, { onCommit: (units) => commits.push(units) });
  });

  const insert = (db: Kysely<Tables>, body: string) => sql`INSERT INTO notes (body) VALUES (${body})`.execute(db);
  const stored = async () => (await sql<{ body: string }>`SELECT body FROM notes ORDER BY body`.execute(database.db)).rows.map((r) => r.body);

  it('commits transactions that arrive together once, and answers each only after that commit', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        committer.run(async (trx) => {
          await insert(trx, `note ${String(i).padStart(2, '0')}`);
          return i;
        }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(commits.reduce((a, b) => a + b, 0)).toBe(20);
    expect(commits.length).toBeLessThan(20);
    expect(await stored()).toHaveLength(20);
  });

  it('rolls back only the transaction that failed; its neighbours in the group are kept', async () => {
    const outcomes = await Promise.allSettled([
      committer.run((trx) => insert(trx, 'first')),
      committer.run(async (trx) => {
        await insert(trx, 'half-done');
        await insert(trx, 'first'); // UNIQUE violation: this whole transaction must vanish
      }),
      committer.run(async (trx) => {
        expect((await sql<{ n: number }>`SELECT count(*) AS n FROM notes WHERE body = 'half-done'`.execute(trx)).rows[0]?.n).toBe(0);
        await insert(trx, 'third');
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored()).toEqual(['first', 'third']);
  });

  it('fails every transaction of the group when SQLite abandons it, and keeps none of them', async () => {
    const outcomes = await Promise.allSettled([
      committer.run((trx) => insert(trx, 'kept?')),
      committer.run(async (trx) => {
        await insert(trx, 'doomed');
        await sql`ROLLBACK`.execute(trx); // what SQLite does itself on a full disk or an I/O error
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await stored()).toEqual([]);
    // And the committer still works afterwards.
    await committer.run((trx) => insert(trx, 'after'));
    expect(await stored()).toEqual(['after']);
  });
});
