/**
 * In-memory evaluation of a parsed query. Only for small static data (the integrations catalogue);
 * anything stored in a database should be filtered by translating the AST to SQL instead.
 */
import { AppError } from '../errors.js';
import type { ComparisonOperator, QueryNode } from './ast.js';

export type FieldValue = string | number | boolean | null | undefined;

export function evaluateQuery(node: QueryNode, resolve: (path: string) => FieldValue): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => evaluateQuery(child, resolve));
    case 'or':
      return node.children.some((child) => evaluateQuery(child, resolve));
    case 'clause':
      return matches(resolve(node.path), node.operator, node.value);
  }
}

/**
 * Rejects queries naming properties the entity lacks, as Codat does, so a typo fails loudly
 * instead of silently matching nothing. Call before evaluating.
 */
export function assertKnownPaths(node: QueryNode, known: (path: string) => boolean, entity: string): void {
  if (node.kind !== 'clause') {
    for (const child of node.children) assertKnownPaths(child, known, entity);
    return;
  }
  if (!known(node.path)) {
    throw new AppError('MALFORMED_QUERY', `Error parsing query - Could not resolve property ${node.path} on ${entity}`);
  }
}

function matches(field: FieldValue, operator: ComparisonOperator, text: string): boolean {
  switch (operator) {
    case '=':
      return equals(field, text);
    case '!=':
      // Exact negation of '=', so a missing field satisfies '!='.
      return !equals(field, text);
    case '~':
      return typeof field === 'string' && field.toLowerCase().includes(text.toLowerCase());
    default: {
      const order = compare(field, text);
      if (order === undefined) return false;
      if (operator === '>') return order > 0;
      if (operator === '<') return order < 0;
      if (operator === '>=') return order >= 0;
      return order <= 0;
    }
  }
}

/** Case-insensitive because Codat clients send e.g. `sourceType=accounting`. */
function equals(field: FieldValue, text: string): boolean {
  if (field === null || field === undefined) return false;
  if (typeof field === 'string') return field.toLowerCase() === text.toLowerCase();
  if (typeof field === 'boolean') return String(field) === text.toLowerCase();
  return toNumber(text) === field;
}

/**
 * Sign of field minus text, or undefined when the pair has no order (missing fields, booleans,
 * non-numeric text against a number). Strings compare lowercased so `>=` agrees with `=`; plain
 * code-unit order (not locale) keeps ISO dates and results deterministic.
 */
function compare(field: FieldValue, text: string): number | undefined {
  if (typeof field === 'number') {
    const n = toNumber(text);
    return n === undefined || Number.isNaN(field) ? undefined : Math.sign(field - n);
  }
  if (typeof field === 'string') {
    const a = field.toLowerCase();
    const b = text.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

// Plain decimal numbers only: Number() would also accept '', '0x10' and 'Infinity'.
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return NUMBER_TEXT.test(trimmed) ? Number(trimmed) : undefined;
}
