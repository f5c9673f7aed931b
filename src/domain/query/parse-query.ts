/**
 * Parser for Codat's filter language. Pure: no I/O, throws `AppError('MALFORMED_QUERY')` with a
 * message that names the problem and its 0-based character position, because API users only ever
 * see this text when their filter is wrong.
 *
 * Grammar (`&&` binds tighter than `||`; whitespace allowed between tokens):
 *   or     := and ('||' and)*
 *   and    := term ('&&' term)*
 *   term   := '{' or '}' | clause
 *   clause := path operator value
 *   value  := '"' (char | '\"' | '\\')* '"'  |  text up to '&&', '||', '}' or end, trimmed
 */
import { AppError } from '../errors.js';
import type { ComparisonOperator, QueryNode } from './ast.js';

export interface ParseQueryOptions {
  /** Operators a caller accepts; others fail to parse. The tags filter passes `TAG_OPERATORS`. */
  allowedOperators?: readonly ComparisonOperator[];
  /** Longest accepted query text, in characters. */
  maxLength?: number;
  /** Deepest accepted `{ }` nesting. Bounds recursion, so hostile input cannot blow the stack. */
  maxDepth?: number;
  /** Most clauses accepted in one query. Bounds evaluation / SQL size. */
  maxClauses?: number;
  /** `property` (default): dotted identifiers like `dataConnections.status`.
   *  `tag`: tag keys, which may also contain `-` and `:` and start with a digit. */
  pathSyntax?: 'property' | 'tag';
}

export const QUERY_LIMITS = { maxLength: 2048, maxDepth: 32, maxClauses: 100 } as const;

/** Codat's tags filter supports only equality and contains. */
export const TAG_OPERATORS: readonly ComparisonOperator[] = ['=', '!=', '~'];

// Two-character operators first, so `>=` is not read as `>` followed by the value `=...`.
const OPERATORS_LONGEST_FIRST: readonly ComparisonOperator[] = ['!=', '>=', '<=', '=', '~', '>', '<'];
const PROPERTY_CHAR = /[A-Za-z0-9_.]/;
const TAG_CHAR = /[A-Za-z0-9_\-.:]/;
const PROPERTY_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;
// Same set as String.prototype.trim, so skipping and trimming agree.
const WHITESPACE = /\s/;

const PREFIX = 'Error parsing query - Malformed query: ';

function malformed(detail: string, position?: number): AppError {
  const where = position === undefined ? '' : ` at position ${position}`;
  return new AppError('MALFORMED_QUERY', `${PREFIX}${detail}${where}.`);
}

export function parseQuery(text: string, options: ParseQueryOptions = {}): QueryNode {
  const maxLength = options.maxLength ?? QUERY_LIMITS.maxLength;
  // Checked before any scanning so oversized input costs nothing.
  if (text.length > maxLength) {
    throw malformed(`query is ${text.length} characters long; the limit is ${maxLength}`);
  }
  if (text.trim() === '') throw malformed('query is empty');
  return new Parser(text, options).parseAll();
}

/** Joins terms under one operator, flattening same-kind children and unwrapping single terms. */
function combine(kind: 'and' | 'or', nodes: QueryNode[]): QueryNode {
  if (nodes.length === 1) return nodes[0] as QueryNode;
  return { kind, children: nodes.flatMap((node) => (node.kind === kind ? node.children : [node])) };
}

class Parser {
  private pos = 0;
  private depth = 0;
  private clauses = 0;
  private readonly allowed: readonly ComparisonOperator[];
  private readonly maxDepth: number;
  private readonly maxClauses: number;
  private readonly tagKeys: boolean;

  constructor(
    private readonly text: string,
    options: ParseQueryOptions,
  ) {
    this.allowed = options.allowedOperators ?? OPERATORS_LONGEST_FIRST;
    this.maxDepth = options.maxDepth ?? QUERY_LIMITS.maxDepth;
    this.maxClauses = options.maxClauses ?? QUERY_LIMITS.maxClauses;
    this.tagKeys = options.pathSyntax === 'tag';
  }

  parseAll(): QueryNode {
    const node = this.parseOr();
    // parseOr stops only at end of input or at a '}' that no '{' opened.
    if (!this.atEnd()) throw malformed("unbalanced '}'", this.pos);
    return node;
  }

  private parseOr(): QueryNode {
    const terms = [this.parseAnd()];
    while (this.consume('||')) terms.push(this.parseAnd());
    return combine('or', terms);
  }

  private parseAnd(): QueryNode {
    const terms = [this.parseTerm()];
    while (this.consume('&&')) terms.push(this.parseTerm());
    return combine('and', terms);
  }

  private parseTerm(): QueryNode {
    this.skipWhitespace();
    const node = this.peek() === '{' ? this.parseGroup() : this.parseClause();
    this.skipWhitespace();
    // Bare values run up to a joiner, so this only trips after a group or a quoted value.
    if (!this.atEnd() && !this.at('&&') && !this.at('||') && this.peek() !== '}') {
      const expected = this.depth > 0 ? "'&&', '||' or '}'" : "'&&', '||' or end of query";
      throw malformed(`expected ${expected} but found '${this.peek()}'`, this.pos);
    }
    return node;
  }

  private parseGroup(): QueryNode {
    const open = this.pos;
    this.pos += 1;
    this.depth += 1;
    if (this.depth > this.maxDepth) {
      throw malformed(`groups are nested more than ${this.maxDepth} deep`, open);
    }
    const inner = this.parseOr();
    // parseOr inside a group stops at '}' or end of input; end means this '{' was never closed.
    if (this.peek() !== '}') throw malformed("unbalanced '{'", open);
    this.pos += 1;
    this.depth -= 1;
    return inner;
  }

  private parseClause(): QueryNode {
    const path = this.parsePath();
    this.skipWhitespace();
    const opPos = this.pos;
    const operator = OPERATORS_LONGEST_FIRST.find((op) => this.at(op));
    if (operator === undefined) throw malformed(`expected an operator after '${path}'`, opPos);
    if (!this.allowed.includes(operator)) {
      throw malformed(`operator '${operator}' is not allowed here (use one of ${this.allowed.join(', ')})`, opPos);
    }
    this.pos += operator.length;
    this.skipWhitespace();
    const value = this.peek() === '"' ? this.parseQuotedValue() : this.parseBareValue(path);
    return { kind: 'clause', path, operator, value };
  }

  private parsePath(): string {
    const start = this.pos;
    const pathChar = this.tagKeys ? TAG_CHAR : PROPERTY_CHAR;
    while (!this.atEnd() && pathChar.test(this.peek())) this.pos += 1;
    const path = this.text.slice(start, this.pos);
    const noun = this.tagKeys ? 'tag key' : 'property name';
    if (path === '') {
      const found = this.atEnd() ? 'the query ended' : `found '${this.peek()}'`;
      throw malformed(`expected a ${noun} but ${found}`, start);
    }
    if (!this.tagKeys && !PROPERTY_PATH.test(path)) throw malformed(`invalid ${noun} '${path}'`, start);
    this.clauses += 1;
    if (this.clauses > this.maxClauses) {
      throw malformed(`query has more than ${this.maxClauses} clauses`, start);
    }
    return path;
  }

  private parseBareValue(path: string): string {
    const start = this.pos;
    while (!this.atEnd() && !this.at('&&') && !this.at('||') && this.peek() !== '}') this.pos += 1;
    const value = this.text.slice(start, this.pos).trim();
    if (value === '') throw malformed(`empty value for '${path}'`, start);
    return value;
  }

  /** Quoting lets values hold `&&`, `||`, `}` or edge spaces; `""` is an explicit empty value. */
  private parseQuotedValue(): string {
    const open = this.pos;
    this.pos += 1;
    let value = '';
    for (;;) {
      if (this.atEnd()) throw malformed('unterminated quoted value starting', open);
      const ch = this.peek();
      if (ch === '"') {
        this.pos += 1;
        return value;
      }
      if (ch === '\\') {
        const next = this.text.charAt(this.pos + 1);
        if (next === '') throw malformed('unterminated quoted value starting', open);
        if (next !== '"' && next !== '\\') {
          throw malformed(`unsupported escape '\\${next}' (only \\" and \\\\ are allowed)`, this.pos);
        }
        value += next;
        this.pos += 2;
        continue;
      }
      value += ch;
      this.pos += 1;
    }
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Current character, or '' at end of input. */
  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private at(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  private consume(token: string): boolean {
    if (!this.at(token)) return false;
    this.pos += token.length;
    return true;
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && WHITESPACE.test(this.peek())) this.pos += 1;
  }
}
