import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { assertKnownPaths, evaluateQuery, type FieldValue } from './evaluate-query.js';
import { parseQuery } from './parse-query.js';

const integration: Record<string, FieldValue> = {
  key: 'gbol',
  name: 'Xero',
  sourceType: 'Accounting',
  enabled: true,
  beta: false,
  rank: 10,
  created: '2024-03-15T09:00:00Z',
  logoUrl: null,
};

const resolve = (path: string): FieldValue => integration[path];
const matches = (query: string) => evaluateQuery(parseQuery(query), resolve);

describe('evaluateQuery: strings', () => {
  it('compares = and != case-insensitively', () => {
    expect(matches('sourceType=accounting')).toBe(true);
    expect(matches('sourceType=ACCOUNTING')).toBe(true);
    expect(matches('sourceType=Banking')).toBe(false);
    expect(matches('sourceType!=accounting')).toBe(false);
    expect(matches('sourceType!=Banking')).toBe(true);
  });

  it('treats ~ as case-insensitive contains', () => {
    expect(matches('name~er')).toBe(true);
    expect(matches('name~XE')).toBe(true);
    expect(matches('name~sage')).toBe(false);
  });

  it('orders strings lexicographically, so ISO dates compare correctly', () => {
    expect(matches('created>2024-01-01')).toBe(true);
    expect(matches('created<2024-01-01')).toBe(false);
    expect(matches('created>=2024-03-15T09:00:00Z')).toBe(true);
    expect(matches('created<=2024-03-15T09:00:00Z')).toBe(true);
    expect(matches('created<2025')).toBe(true);
  });

  it('orders strings case-insensitively, consistent with =', () => {
    expect(matches('name>=XERO')).toBe(true);
    expect(matches('name<=xero')).toBe(true);
    expect(matches('name>xerO')).toBe(false);
  });
});

describe('evaluateQuery: booleans', () => {
  it('matches true/false text case-insensitively', () => {
    expect(matches('enabled=true')).toBe(true);
    expect(matches('enabled=TRUE')).toBe(true);
    expect(matches('enabled=false')).toBe(false);
    expect(matches('beta=False')).toBe(true);
    expect(matches('beta!=true')).toBe(true);
  });

  it('does not match non-boolean text, and has no order or contains', () => {
    expect(matches('enabled=yes')).toBe(false);
    expect(matches('enabled!=yes')).toBe(true);
    expect(matches('enabled~tru')).toBe(false);
    expect(matches('enabled>false')).toBe(false);
  });
});

describe('evaluateQuery: numbers', () => {
  it('compares numerically', () => {
    expect(matches('rank=10')).toBe(true);
    expect(matches('rank=10.0')).toBe(true);
    expect(matches('rank!=9')).toBe(true);
    expect(matches('rank>9')).toBe(true);
    expect(matches('rank<9')).toBe(false);
    expect(matches('rank>=10')).toBe(true);
    expect(matches('rank<=1e1')).toBe(true);
    // '10' > '9.5' is false as text, so this proves the comparison is numeric.
    expect(matches('rank>9.5')).toBe(true);
  });

  it('never matches non-numeric text, and has no contains', () => {
    expect(matches('rank=ten')).toBe(false);
    expect(matches('rank!=ten')).toBe(true);
    expect(matches('rank>ten')).toBe(false);
    expect(matches('rank=0x0a')).toBe(false);
    expect(matches('rank=""')).toBe(false);
    expect(matches('rank~1')).toBe(false);
  });
});

describe('evaluateQuery: missing values', () => {
  it.each(['logoUrl', 'nope'])('treats %s (null/undefined) as matching only !=', (path) => {
    expect(matches(`${path}=x`)).toBe(false);
    expect(matches(`${path}!=x`)).toBe(true);
    expect(matches(`${path}~x`)).toBe(false);
    expect(matches(`${path}>x`)).toBe(false);
    expect(matches(`${path}<=x`)).toBe(false);
  });
});

describe('evaluateQuery: joins', () => {
  it('evaluates and / or with precedence and grouping', () => {
    expect(matches('sourceType=Accounting&&enabled=true')).toBe(true);
    expect(matches('sourceType=Accounting&&enabled=false')).toBe(false);
    expect(matches('sourceType=Banking||enabled=true')).toBe(true);
    expect(matches('name~sage||name~xero&&rank>5')).toBe(true);
    expect(matches('{name~sage||name~xero}&&rank>50')).toBe(false);
    expect(matches('{name~sage||name~quickbooks}||rank>5')).toBe(true);
  });
});

describe('assertKnownPaths', () => {
  const known = (path: string) => path in integration;

  it('passes when every path is known, at any depth', () => {
    expect(() => assertKnownPaths(parseQuery('{name~x||rank>1}&&enabled=true'), known, 'Integration')).not.toThrow();
  });

  it("throws Codat's message for the first unknown path", () => {
    let caught: unknown;
    try {
      assertKnownPaths(parseQuery('name=x&&{rank>1||sourceTypes=Banking}'), known, 'Integration');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('MALFORMED_QUERY');
    expect((caught as AppError).message).toBe('Error parsing query - Could not resolve property sourceTypes on Integration');
  });
});
