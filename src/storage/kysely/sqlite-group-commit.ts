import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

export type TransactionWork<T> = (trx: Kysely<Tables>) => Promise<T>;

export interface GroupCommitter {
  /** Runs `work` as its own transaction; resolves only once that transaction is durable. */
  run<T>(work: TransactionWork<T>): Promise<T>;
}

interface Unit {
  work: TransactionWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit for SQLite. A commit writes every page the transaction touched to the WAL, which
 * costs more than the inserts themselves, and consecutive transactions (a company, its tag, its
 * outbox event) touch the same few pages. So transactions that arrive while others run share one
 * COMMIT:
 * - each still runs alone, one after another, inside its own SAVEPOINT: a failing one rolls back
 *   only itself, and none sees another half-done (the same isolation as one at a time);
 * - nobody is answered before the shared COMMIT, so a caller that was told "done" is durable;
 *   if the COMMIT fails, every transaction in the group fails with it.
 * The group closes when no more work arrived within one event-loop turn, or at `maxUnits`.
 */
export interface GroupCommitOptions {
  /** Most transactions sharing one COMMIT (bounds how long a group holds the database). */
  maxUnits?: number;
  /** Observes each durable COMMIT and how many transactions it carried. */
  onCommit?: (units: number) => void;
}

export function createGroupCommitter(db: Kysely<Tables>, options: GroupCommitOptions = {}): GroupCommitter {
  const maxUnits = options.maxUnits ?? 32;
  const queue: Unit[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await commitGroup();
    } finally {
      draining = false;
    }
  }

  async function commitGroup(): Promise<void> {
    const succeeded: Array<{ unit: Unit; value: unknown }> = [];
    let current: Unit | undefined;
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      for (const unit of queue.splice(0)) unit.reject(error);
      return;
    }
    try {
      for (let count = 0; count < maxUnits; count++) {
        current = queue.shift() ?? (await nextTurn(), queue.shift());
        if (!current) break;
        const unit = current;
        const savepoint = await trx.savepoint('unit').execute();
        let value: unknown;
        try {
          value = await unit.work(savepoint);
        } catch (error) {
          // If even this fails, SQLite dropped the whole transaction: the group fails with the
          // caller's own error, which says more than "no such savepoint".
          await savepoint.rollbackToSavepoint('unit').execute().catch(() => Promise.reject(error));
          await savepoint.releaseSavepoint('unit').execute().catch(() => Promise.reject(error));
          current = undefined;
          unit.reject(error);
          continue;
        }
        await savepoint.releaseSavepoint('unit').execute();
        current = undefined;
        succeeded.push({ unit, value });
      }
      await trx.commit().execute();
      options.onCommit?.(succeeded.length);
    } catch (error) {
      // SQLite itself gave up (disk full, I/O error): nothing of this group was kept.
      await trx.rollback().execute().catch(() => undefined);
      current?.reject(error);
      for (const { unit } of succeeded) unit.reject(error);
      return;
    }
    for (const { unit, value } of succeeded) unit.resolve(value);
  }

  return {
    run<T>(work: TransactionWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
  };
}

/** Lets requests that arrived meanwhile (other sockets, same poll phase) join the group. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
