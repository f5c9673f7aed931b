import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { ComparisonOperator, QueryNode } from '../../domain/query/index.js';
import type { Dialect } from './database.js';

/**
 * Compiles a parsed Codat query into a parameterised SQL condition, so filtering always happens
 * in the database (and uses its indexes), never in memory. Values are bound parameters; column
 * names come only from the field catalogue below, never from the query text.
 */
export type FieldType = 'string' | 'nullable-string' | 'date' | { enum: readonly string[] };

export type FieldTarget =
  | { kind: 'column'; column: string; type: FieldType }
  /** A field of a related collection (e.g. `dataConnections.status`): EXISTS on a subquery. */
  | { kind: 'related'; column: string; type: FieldType; exists: (condition: RawBuilder<SqlBool>) => RawBuilder<SqlBool> };

export type FieldResolver = (path: string) => FieldTarget | undefined;

export function compileQuery(node: QueryNode, resolve: FieldResolver, dialect: Dialect, entity: string): RawBuilder<SqlBool> {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => compileQuery(child, resolve, dialect, entity));
      return sql<SqlBool>`(${sql.join(parts, node.kind === 'and' ? sql` AND ` : sql` OR `)})`;
    }
    case 'clause': {
      const target = resolve(node.path);
      if (!target) {
        throw new AppError('MALFORMED_QUERY', `Error parsing query - Could not resolve property ${node.path} on ${entity}`);
      }
      if (target.kind === 'column') return compare(target.column, target.type, node.operator, node.value, dialect, node.path);
      // Collections read as "any element matches"; `!=` is its negation ("no element equals"),
      // which makes Codat's documented "no connections" query
      // `dataConnections.status!=PendingAuth&&…!=Unlinked` mean what it says.
      if (node.operator === '!=') {
        return sql<SqlBool>`NOT ${target.exists(compare(target.column, target.type, '=', node.value, dialect, node.path))}`;
      }
      return target.exists(compare(target.column, target.type, node.operator, node.value, dialect, node.path));
    }
  }
}

function compare(
  column: string,
  type: FieldType,
  operator: ComparisonOperator,
  rawValue: string,
  dialect: Dialect,
  path: string,
): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (typeof type === 'object') {
    const value = type.enum.find((candidate) => candidate.toLowerCase() === rawValue.toLowerCase());
    if (value === undefined) {
      throw new AppError('MALFORMED_QUERY', `Error parsing query - '${rawValue}' is not a valid value for ${path}; expected one of ${type.enum.join(', ')}.`);
    }
    if (operator === '=') return sql<SqlBool>`${ref} = ${value}`;
    if (operator === '!=') return sql<SqlBool>`${ref} <> ${value}`;
    throw new AppError('MALFORMED_QUERY', `Error parsing query - operator '${operator}' cannot be used with ${path}; use = or !=.`);
  }
  if (type === 'date') {
    // Date.parse alone accepts '1' as the year 2001; insist on an ISO-8601 date first.
    const time = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(rawValue) ? Date.parse(rawValue) : Number.NaN;
    if (Number.isNaN(time)) {
      throw new AppError('MALFORMED_QUERY', `Error parsing query - '${rawValue}' is not a valid date for ${path}.`);
    }
    if (operator === '~') throw new AppError('MALFORMED_QUERY', `Error parsing query - operator '~' cannot be used with the date ${path}.`);
    const iso = new Date(time).toISOString();
    // `!=` is the negation of `=`, so a missing date (e.g. never synced) is "not equal".
    if (operator === '!=') return sql<SqlBool>`(${ref} IS NULL OR ${ref} <> ${iso})`;
    return sql<SqlBool>`${ref} ${sql.raw(operator)} ${iso}`;
  }
  switch (operator) {
    case '=':
      return sql<SqlBool>`${ref} = ${rawValue}`;
    case '!=':
      return type === 'nullable-string' ? sql<SqlBool>`(${ref} IS NULL OR ${ref} <> ${rawValue})` : sql<SqlBool>`${ref} <> ${rawValue}`;
    case '~':
      // Case-insensitive "contains" with Unicode case folding on both databases: PostgreSQL's
      // lower() folds Unicode; SQLite's does not, so it uses dw_fold() registered in database.ts.
      // strpos/instr also avoid LIKE's wildcard escaping altogether.
      return dialect === 'postgres'
        ? sql<SqlBool>`strpos(lower(${ref}), lower(${rawValue})) > 0`
        : sql<SqlBool>`instr(dw_fold(${ref}), dw_fold(${rawValue})) > 0`;
    default:
      return sql<SqlBool>`${ref} ${sql.raw(operator)} ${rawValue}`;
  }
}

/** Maps a requested order field to its column, refusing fields the entity does not allow. */
export function orderColumn(field: string, allowed: Record<string, string>, entity: string): string {
  const column = allowed[field];
  if (!column) {
    throw new AppError('BAD_REQUEST', `Cannot order ${entity} by '${field}'. Allowed: ${Object.keys(allowed).join(', ')}.`);
  }
  return column;
}
