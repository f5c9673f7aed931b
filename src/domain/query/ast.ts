/**
 * Syntax tree for Codat's filter language (`?query=` and `?tags=` on list endpoints).
 * The parser produces it; evaluators (in-memory, SQL) consume it, so they never see raw text.
 */

export type ComparisonOperator = '=' | '!=' | '~' | '>' | '<' | '>=' | '<=';

/** Every operator, listed so callers can build allow-lists without retyping the union. */
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['=', '!=', '~', '>', '<', '>=', '<='];

export type QueryNode =
  | { kind: 'clause'; path: string; operator: ComparisonOperator; value: string }
  // `and` / `or` always have at least 2 children and never contain a child of their own kind
  // (the parser flattens), so consumers can rely on a canonical shape.
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] };

export type ClauseNode = Extract<QueryNode, { kind: 'clause' }>;
