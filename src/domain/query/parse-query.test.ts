import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { ComparisonOperator, QueryNode } from './ast.js';
import { parseQuery, QUERY_LIMITS, TAG_OPERATORS, type ParseQueryOptions } from './parse-query.js';

const clause = (path: string, operator: ComparisonOperator, value: string): QueryNode => ({
  kind: 'clause',
  path,
  operator,
  value,
});
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });

/** Parses expecting failure and returns the AppError, so tests can assert code and exact text. */
function parseError(text: string, options?: ParseQueryOptions): AppError {
  try {
    parseQuery(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail to parse`);
}

const malformed = (detail: string) => `Error parsing query - Malformed query: ${detail}.`;

describe('parseQuery: clauses', () => {
  it.each<[string, ComparisonOperator]>([
    ['a=1', '='],
    ['a!=1', '!='],
    ['a~1', '~'],
    ['a>1', '>'],
    ['a<1', '<'],
    ['a>=1', '>='],
    ['a<=1', '<='],
  ])('parses operator in %s', (text, operator) => {
    expect(parseQuery(text)).toEqual(clause('a', operator, '1'));
  });

  it('prefers two-character operators over their one-character prefixes', () => {
    expect(parseQuery('a>==1')).toEqual(clause('a', '>=', '=1'));
    expect(parseQuery('a<=x')).toEqual(clause('a', '<=', 'x'));
  });

  it('parses Codat documentation examples', () => {
    expect(parseQuery('dataConnections.status=PendingAuth')).toEqual(
      clause('dataConnections.status', '=', 'PendingAuth'),
    );
    expect(
      parseQuery(
        'dataConnections.status!=PendingAuth&&dataConnections.status!=Linked&&dataConnections.status!=Deauthorized&&dataConnections.status!=Unlinked',
      ),
    ).toEqual(
      and(
        clause('dataConnections.status', '!=', 'PendingAuth'),
        clause('dataConnections.status', '!=', 'Linked'),
        clause('dataConnections.status', '!=', 'Deauthorized'),
        clause('dataConnections.status', '!=', 'Unlinked'),
      ),
    );
    expect(parseQuery('sourceType=Accounting&&enabled=true')).toEqual(
      and(clause('sourceType', '=', 'Accounting'), clause('enabled', '=', 'true')),
    );
    expect(parseQuery('{name~acme||name~beta}&&created>2024-01-01')).toEqual(
      and(or(clause('name', '~', 'acme'), clause('name', '~', 'beta')), clause('created', '>', '2024-01-01')),
    );
    expect(parseQuery('uid=123')).toEqual(clause('uid', '=', '123'));
    expect(parseQuery('region != uk')).toEqual(clause('region', '!=', 'uk'));
  });

  it('accepts dotted paths, underscores and digits', () => {
    expect(parseQuery('tags.uid=x')).toEqual(clause('tags.uid', '=', 'x'));
    expect(parseQuery('_a1.b_2.c3=x')).toEqual(clause('_a1.b_2.c3', '=', 'x'));
  });
});

describe('parseQuery: values', () => {
  it('keeps inner spaces of bare values and trims the edges', () => {
    expect(parseQuery('name=Bank of Dave')).toEqual(clause('name', '=', 'Bank of Dave'));
    expect(parseQuery('name =   Bank of Dave   ')).toEqual(clause('name', '=', 'Bank of Dave'));
  });

  it('ends bare values at &&, || and }', () => {
    expect(parseQuery('a=x y&&b=z')).toEqual(and(clause('a', '=', 'x y'), clause('b', '=', 'z')));
    expect(parseQuery('a=x y||b=z')).toEqual(or(clause('a', '=', 'x y'), clause('b', '=', 'z')));
    expect(parseQuery('{a=x y}')).toEqual(clause('a', '=', 'x y'));
  });

  it('keeps lone & and |, operator characters and quotes inside bare values', () => {
    expect(parseQuery('name=A & B | C')).toEqual(clause('name', '=', 'A & B | C'));
    expect(parseQuery('name=a=b!=c~d')).toEqual(clause('name', '=', 'a=b!=c~d'));
    expect(parseQuery('name=say "hi"')).toEqual(clause('name', '=', 'say "hi"'));
    expect(parseQuery('name={x')).toEqual(clause('name', '=', '{x'));
  });

  it('parses quoted values with joiners, braces and edge spaces inside', () => {
    expect(parseQuery('name="a && b || c }"')).toEqual(clause('name', '=', 'a && b || c }'));
    expect(parseQuery('name=" padded "')).toEqual(clause('name', '=', ' padded '));
    expect(parseQuery('name = "x" && b=1')).toEqual(and(clause('name', '=', 'x'), clause('b', '=', '1')));
    expect(parseQuery('{name="}"}')).toEqual(clause('name', '=', '}'));
  });

  it('unescapes \\" and \\\\ in quoted values', () => {
    expect(parseQuery(String.raw`name="say \"hi\""`)).toEqual(clause('name', '=', 'say "hi"'));
    expect(parseQuery(String.raw`name="back\\slash"`)).toEqual(clause('name', '=', 'back\\slash'));
  });

  it('allows an explicit empty quoted value', () => {
    expect(parseQuery('name=""')).toEqual(clause('name', '=', ''));
  });
});

describe('parseQuery: joining and grouping', () => {
  it('binds && tighter than ||', () => {
    expect(parseQuery('a=1||b=2&&c=3')).toEqual(or(clause('a', '=', '1'), and(clause('b', '=', '2'), clause('c', '=', '3'))));
    expect(parseQuery('a=1&&b=2||c=3')).toEqual(or(and(clause('a', '=', '1'), clause('b', '=', '2')), clause('c', '=', '3')));
  });

  it('lets braces override precedence', () => {
    expect(parseQuery('a=1&&{b=2||c=3}')).toEqual(and(clause('a', '=', '1'), or(clause('b', '=', '2'), clause('c', '=', '3'))));
  });

  it('flattens same-kind nesting and unwraps single-term groups', () => {
    expect(parseQuery('{a=1&&b=2}&&c=3')).toEqual(and(clause('a', '=', '1'), clause('b', '=', '2'), clause('c', '=', '3')));
    expect(parseQuery('a=1||{b=2||{c=3}}')).toEqual(or(clause('a', '=', '1'), clause('b', '=', '2'), clause('c', '=', '3')));
    expect(parseQuery('{{{a=1}}}')).toEqual(clause('a', '=', '1'));
  });

  it('nests groups of alternating kinds', () => {
    expect(parseQuery('{a=1||{b=2&&{c=3||d=4}}}')).toEqual(
      or(clause('a', '=', '1'), and(clause('b', '=', '2'), or(clause('c', '=', '3'), clause('d', '=', '4')))),
    );
  });

  it('allows whitespace everywhere between tokens', () => {
    expect(parseQuery(' \t{ region = uk &&\n owningTeam = invoice-finance } || x ~ y ')).toEqual(
      or(and(clause('region', '=', 'uk'), clause('owningTeam', '=', 'invoice-finance')), clause('x', '~', 'y')),
    );
  });
});

describe('parseQuery: options', () => {
  it('rejects operators outside allowedOperators, naming the allowed ones', () => {
    const error = parseError('a=1&&b>2', { allowedOperators: TAG_OPERATORS });
    expect(error.message).toBe(malformed("operator '>' is not allowed here (use one of =, !=, ~) at position 6"));
    expect(parseQuery('a~1', { allowedOperators: TAG_OPERATORS })).toEqual(clause('a', '~', '1'));
  });

  it('accepts tag keys with - : and leading digits only in tag mode', () => {
    const tags: ParseQueryOptions = { pathSyntax: 'tag', allowedOperators: TAG_OPERATORS };
    expect(parseQuery('owning-team:v2 = invoice-finance && 1st.key!=x', tags)).toEqual(
      and(clause('owning-team:v2', '=', 'invoice-finance'), clause('1st.key', '!=', 'x')),
    );
    expect(parseError('owning-team=x').message).toBe(malformed("expected an operator after 'owning' at position 6"));
    expect(parseError('1st=x').message).toBe(malformed("invalid property name '1st' at position 0"));
  });

  it('uses the tag noun in tag mode errors', () => {
    expect(parseError('=x', { pathSyntax: 'tag' }).message).toBe(
      malformed("expected a tag key but found '=' at position 0"),
    );
  });
});

describe('parseQuery: errors', () => {
  it('throws AppError with code MALFORMED_QUERY and status 400', () => {
    const error = parseError('name');
    expect(error.code).toBe('MALFORMED_QUERY');
    expect(error.status).toBe(400);
  });

  it.each([
    ['name', "expected an operator after 'name' at position 4"],
    ['name x=1', "expected an operator after 'name' at position 5"],
    ['name!x', "expected an operator after 'name' at position 4"],
    ['name=', "empty value for 'name' at position 5"],
    ['name =   && b=1', "empty value for 'name' at position 9"],
    ['a=1&&b=', "empty value for 'b' at position 7"],
    ['{a=1', "unbalanced '{' at position 0"],
    ['a=1&&{b=2||{c=3}', "unbalanced '{' at position 5"],
    ['a=1}', "unbalanced '}' at position 3"],
    ['name=a}b', "unbalanced '}' at position 6"],
    ['{a=1}}', "unbalanced '}' at position 5"],
    ['{}', "expected a property name but found '}' at position 1"],
    ['=x', "expected a property name but found '=' at position 0"],
    ['&&a=1', "expected a property name but found '&' at position 0"],
    ['a=1&&', 'expected a property name but the query ended at position 5'],
    ['a=1 || ', 'expected a property name but the query ended at position 7'],
    ['a=1&& &&b=2', "expected a property name but found '&' at position 6"],
    ['a=1&&&b=2', "expected a property name but found '&' at position 5"],
    ['a..b=1', "invalid property name 'a..b' at position 0"],
    ['a.=1', "invalid property name 'a.' at position 0"],
    ['.a=1', "invalid property name '.a' at position 0"],
    ['{a=1} b=2', "expected '&&', '||' or end of query but found 'b' at position 6"],
    ['{a="x" y}', "expected '&&', '||' or '}' but found 'y' at position 7"],
    ['a="x"y', "expected '&&', '||' or end of query but found 'y' at position 5"],
    ['a="abc', 'unterminated quoted value starting at position 2'],
    ['a="abc\\', 'unterminated quoted value starting at position 2'],
    ['a="a\\nb"', String.raw`unsupported escape '\n' (only \" and \\ are allowed) at position 4`],
  ])('rejects %j', (text, detail) => {
    expect(parseError(text).message).toBe(malformed(detail));
  });

  it('rejects empty and whitespace-only queries', () => {
    expect(parseError('').message).toBe(malformed('query is empty'));
    expect(parseError('  \t').message).toBe(malformed('query is empty'));
  });
});

describe('parseQuery: limits', () => {
  it('accepts exactly maxLength characters and rejects one more', () => {
    const fits = `name=${'x'.repeat(QUERY_LIMITS.maxLength - 5)}`;
    expect(parseQuery(fits)).toEqual(clause('name', '=', 'x'.repeat(QUERY_LIMITS.maxLength - 5)));
    expect(parseError(`${fits}x`).message).toBe(malformed('query is 2049 characters long; the limit is 2048'));
  });

  it('honours a custom maxLength', () => {
    expect(parseError('name=abc', { maxLength: 7 }).message).toBe(malformed('query is 8 characters long; the limit is 7'));
  });

  it('caps nesting depth', () => {
    const nested = (depth: number) => `${'{'.repeat(depth)}a=1${'}'.repeat(depth)}`;
    expect(parseQuery(nested(QUERY_LIMITS.maxDepth))).toEqual(clause('a', '=', '1'));
    expect(parseError(nested(QUERY_LIMITS.maxDepth + 1)).message).toBe(
      malformed('groups are nested more than 32 deep at position 32'),
    );
    expect(parseError(nested(3), { maxDepth: 2 }).message).toBe(malformed('groups are nested more than 2 deep at position 2'));
  });

  it('counts depth per branch, not in total', () => {
    const twoDeep = '{{a=1}}';
    expect(parseQuery(`${twoDeep}&&${twoDeep}&&${twoDeep}`, { maxDepth: 2 })).toEqual(
      and(clause('a', '=', '1'), clause('a', '=', '1'), clause('a', '=', '1')),
    );
  });

  it('caps the clause count', () => {
    const clauses = (n: number) => Array.from({ length: n }, (_, i) => `a=${i}`).join('||');
    const node = parseQuery(clauses(QUERY_LIMITS.maxClauses));
    expect(node.kind === 'or' && node.children.length).toBe(100);
    const text = clauses(QUERY_LIMITS.maxClauses + 1);
    expect(parseError(text).message).toBe(malformed(`query has more than 100 clauses at position ${text.lastIndexOf('a=100')}`));
    expect(parseError('a=1&&b=2&&c=3', { maxClauses: 2 }).message).toBe(
      malformed('query has more than 2 clauses at position 10'),
    );
  });
});
