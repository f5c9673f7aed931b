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
    const time = Date.parse(rawValue);
    if (Number.isNaN(time)) {
      throw new AppError('MALFORMED_QUERY', `Error parsing query - '${rawValue}' is not a valid date for ${path}.`);
    }
    if (operator === '~') throw new AppError('MALFORMED_QUERY', `Error parsing query - operator '~' cannot be used with the date ${path}.`);
    const iso = new Date(time).toISOString();
    return sql<SqlBool>`${ref} ${sql.raw(operator === '!=' ? '<>' : operator)} ${iso}`;
  }
  switch (operator) {
    case '=':
      return sql<SqlBool>`${ref} = ${rawValue}`;
    case '!=':
      return type === 'nullable-string' ? sql<SqlBool>`(${ref} IS NULL OR ${ref} <> ${rawValue})` : sql<SqlBool>`${ref} <> ${rawValue}`;
    case '~': {
      const pattern = `%${rawValue.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      // SQLite's LIKE is case-insensitive for ASCII already; PostgreSQL needs ILIKE for the same meaning.
      return dialect === 'postgres'
        ? sql<SqlBool>`${ref} ILIKE ${pattern} ESCAPE '\\'`
        : sql<SqlBool>`${ref} LIKE ${pattern} ESCAPE '\\'`;
    }
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
