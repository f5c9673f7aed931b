import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a point
 * lookup. Our queries are built from a small set of shapes with bound parameters, so their SQL
 * text repeats: caching prepared statements by text is safe (better-sqlite3 statements are
 * reusable) and bounded, in case a caller ever builds many distinct texts.
 */
export function withStatementCache(db: SqliteDatabase.Database, maxStatements = 500): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= maxStatements) cache.clear();
        statement = db.prepare(sql);
        cache.set(sql, statement);
      }
      return statement as unknown as ReturnType<KyselySqliteDatabase['prepare']>;
    },
  };
}
