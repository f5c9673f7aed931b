import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompiledNamed } from './precompiled.js';

interface Db {
  items: { id: string; status: string; tries: number; kind: string };
}

describe('precompiledNamed', () => {
  let db: Kysely<Db>;
  beforeEach(async () => {
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });
    await db.schema.createTable('items').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('status', 'text').addColumn('tries', 'integer').addColumn('kind', 'text').execute();
    await db.insertInto('items').values([
      { id: 'a', status: 'new', tries: 0, kind: 'x' },
      { id: 'b', status: 'new', tries: 0, kind: 'y' },
      { id: 'c', status: 'new', tries: 0, kind: 'x' },
    ]).execute();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('binds values by name whatever order the SQL puts them in, and keeps constants', async () => {
    // SET values come first in the SQL, WHERE values after; `kind = 'x'` is the builder's own constant.
    const update = precompiledNamed(db, ['id', 'status', 'tries'], (q, p) =>
      q.updateTable('items').set({ status: p.status, tries: p.tries as unknown as number }).where('kind', '=', 'x').where('id', '=', p.id),
    );
    expect((await update({ tries: 3, id: 'a', status: 'sent' })).changed).toBe(1);
    expect((await update({ status: 'sent', id: 'b', tries: 1 })).changed).toBe(0); // kind y: the constant held
    const rows = await db.selectFrom('items').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.status, r.tries])).toEqual([
      ['a', 'sent', 3],
      ['b', 'new', 0],
      ['c', 'new', 0],
    ]);
  });

  it('returns rows, with a limit bound by name', async () => {
    const firstOfKind = precompiledNamed(db, ['kind', 'limit'], (q, p) =>
      q.selectFrom('items').select('id').where('kind', '=', p.kind).orderBy('id').limit(p.limit as unknown as number),
    );
    expect((await firstOfKind({ kind: 'x', limit: 1 })).rows).toEqual([{ id: 'a' }]);
    expect((await firstOfKind({ kind: 'x', limit: 5 })).rows).toEqual([{ id: 'a' }, { id: 'c' }]);
  });
});
