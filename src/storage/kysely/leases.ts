import type { Expression, ExpressionBuilder, Kysely, ReferenceExpression, SelectQueryBuilder, SqlBool } from 'kysely';
import type { Dialect } from './database.js';

/**
 * What every repository of leased jobs (the webhook outbox; connections due for a token refresh
 * next) needs to claim rows safely from many processes. A lease is a `locked_until` timestamp
 * (ISO text, like every time here): a row is claimable once it is unset or has passed, and a
 * claim is one conditional UPDATE that sets it. Ending a lease sets it back to NULL, in the
 * transaction that records the job's outcome.
 */

/** The row is under nobody's lease at `now`: never leased, or its lease has run out. */
export function isUnleased<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, lockedUntil: ReferenceExpression<DB, TB>, now: string): Expression<SqlBool> {
  return eb.or([eb(lockedUntil, 'is', null), eb(lockedUntil, '<=', now as never)]);
}

/**
 * On PostgreSQL the picked rows are locked, and rows another claimer is locking right now are
 * skipped rather than waited for (`FOR UPDATE OF … SKIP LOCKED`), so concurrent claimers get
 * disjoint sets without queueing behind each other. SQLite serialises writers anyway.
 */
export function skippingLockedRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  dialect: Dialect,
  table: TB & string,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate(table).skipLocked() : query;
}

/** Runs `work` in a transaction unless `db` already is one (Kysely cannot nest them). */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** `items` in consecutive slices of at most `size`, one statement each (bound-parameter limits). */
export function* chunks<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
