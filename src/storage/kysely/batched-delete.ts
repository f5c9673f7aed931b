import { sql, type Kysely } from 'kysely';
import type { Dialect } from './database.js';
import type { Tables } from './tables.js';

/**
 * Deletes at most `limit` rows whose `column` (an ISO timestamp) is before `before`, oldest
 * first, and returns how many it deleted. One short statement per batch, so pruning a large
 * backlog never holds long locks. On PostgreSQL the batch skips rows another pruner (or a writer)
 * holds (`FOR UPDATE SKIP LOCKED`), so processes pruning at the same time take disjoint rows
 * instead of waiting on or deadlocking with each other; SQLite serialises writers anyway.
 */
export async function deleteBatchBefore<T extends keyof Tables & string>(
  db: Kysely<Tables>,
  dialect: Dialect,
  target: { table: T; key: keyof Tables[T] & string; column: keyof Tables[T] & string },
  before: string,
  limit: number,
): Promise<number> {
  const { table, key, column } = target;
  const locking = dialect === 'postgres' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
  const result = await sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(key)} IN (
    SELECT ${sql.ref(key)} FROM ${sql.table(table)} WHERE ${sql.ref(column)} < ${before} ORDER BY ${sql.ref(column)} LIMIT ${limit}${locking})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
