import type { CompiledQuery, Kysely } from 'kysely';

/**
 * Compiled SQL shared by a store and every transaction's store built from it: compiling is
 * dialect work, not connection work, so a query compiled once runs on any connection.
 */
export type CompiledQueryCache = Map<string, CompiledQuery<unknown>>;

/** Where a precompiled query keeps its SQL so transactions' stores reuse it (`key` must be unique). */
export interface SharedCompilation {
  cache: CompiledQueryCache;
  key: string;
}

/**
 * A hot query compiled once and executed with fresh parameters. Building and compiling a Kysely
 * query costs more than running an indexed SQLite lookup, so the few queries every request makes
 * (API-key lookup, company by id, its connections, the inserts of a new company) skip the builder
 * after their first use. `build` must bind exactly the parameters `run` later passes, in the same
 * order. Without `shared`, the compilation lives as long as this repository instance.
 */
export function precompiled<DB, Row>(db: Kysely<DB>, build: (db: Kysely<DB>) => { compile(): CompiledQuery<Row> }, shared?: SharedCompilation) {
  let compiled: CompiledQuery<Row> | undefined;
  return async (...parameters: unknown[]): Promise<Row[]> => {
    compiled ??= compileOnce(db, build, shared);
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}

/**
 * Like `precompiled`, for statements whose parameters are easy to misorder (an UPDATE's SET
 * values come before its WHERE values; a subquery's before the outer LIMIT): `build` receives
 * one placeholder per name, and each run binds `values` by name (a name may appear several
 * times). Parameters the builder bound itself (constants such as `status = 'Linked'`) keep their
 * compiled values. `changed` is the number of rows an UPDATE or DELETE changed (single-use checks
 * such as consuming an OAuth state depend on it).
 */
export function precompiledNamed<DB, Row, Name extends string>(
  db: Kysely<DB>,
  names: readonly Name[],
  build: (db: Kysely<DB>, placeholders: Record<Name, string>) => { compile(): CompiledQuery<Row> },
  shared?: SharedCompilation,
) {
  const placeholders = Object.fromEntries(names.map((name) => [name, `\u0000doorway:${name}`])) as Record<Name, string>;
  const byPlaceholder = new Map<unknown, Name>(names.map((name) => [placeholders[name], name]));
  let compiled: CompiledQuery<Row> | undefined;
  return async (values: Record<Name, unknown>): Promise<{ rows: Row[]; changed: number }> => {
    compiled ??= compileOnce(db, (q) => build(q, placeholders), shared);
    const parameters = compiled.parameters.map((parameter) => {
      const name = byPlaceholder.get(parameter);
      return name === undefined ? parameter : values[name];
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return { rows: result.rows, changed: Number(result.numAffectedRows ?? 0n) };
  };
}

/** Binds a repository's precompiled queries to the store's shared cache under `prefix.name` keys. */
export function compilerFor<DB>(db: Kysely<DB>, prefix: string, cache: CompiledQueryCache | undefined) {
  const shared = (name: string) => cache && { cache, key: `${prefix}.${name}` };
  return {
    query: <Row>(name: string, build: (db: Kysely<DB>) => { compile(): CompiledQuery<Row> }) => precompiled(db, build, shared(name)),
    named: <Row, Name extends string>(
      name: string,
      names: readonly Name[],
      build: (db: Kysely<DB>, placeholders: Record<Name, string>) => { compile(): CompiledQuery<Row> },
    ) => precompiledNamed(db, names, build, shared(name)),
  };
}

function compileOnce<DB, Row>(db: Kysely<DB>, build: (db: Kysely<DB>) => { compile(): CompiledQuery<Row> }, shared?: SharedCompilation): CompiledQuery<Row> {
  if (!shared) return build(db).compile();
  const known = shared.cache.get(shared.key) as CompiledQuery<Row> | undefined;
  if (known) return known;
  const compiled = build(db).compile();
  shared.cache.set(shared.key, compiled as CompiledQuery<unknown>);
  return compiled;
}

/**
 * An INSERT of `rowCount` rows into `table`, compiled once per row count: every column is a
 * bound parameter (placeholders are '' so none compiles to a literal), and `run` binds each
 * row's values in `columns` order.
 */
export function precompiledInsert<DB, Row extends object>(
  db: Kysely<DB>,
  table: keyof DB & string,
  columns: readonly (keyof Row & string)[],
  cache?: CompiledQueryCache,
): (rows: readonly Row[]) => Promise<void> {
  const byCount = new Map<number, (...parameters: unknown[]) => Promise<unknown[]>>();
  return async (rows) => {
    if (rows.length === 0) return;
    let run = byCount.get(rows.length);
    if (!run) {
      const placeholder = Object.fromEntries(columns.map((column) => [column, '']));
      run = precompiled(
        db,
        (q) => q.insertInto(table).values(Array.from({ length: rows.length }, () => placeholder) as never),
        cache && { cache, key: `insert:${table}:${columns.join(',')}:${rows.length}` },
      );
      byCount.set(rows.length, run);
    }
    await run(...rows.flatMap((row) => columns.map((column) => (row as Record<string, unknown>)[column])));
  };
}
