import type { CompiledQuery, Kysely } from 'kysely';

/**
 * A hot query compiled once and executed with fresh parameters. Building and compiling a Kysely
 * query costs more than running an indexed SQLite lookup, so the few queries every request makes
 * (API-key lookup, company by id, its connections) skip the builder after their first use.
 * `build` must bind exactly the parameters `run` later passes, in the same order.
 */
export function precompiled<DB, Row>(db: Kysely<DB>, build: (db: Kysely<DB>) => { compile(): CompiledQuery<Row> }) {
  let compiled: CompiledQuery<Row> | undefined;
  return async (...parameters: unknown[]): Promise<Row[]> => {
    compiled ??= build(db).compile();
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
