/**
 * Nothing an outsider sends makes Doorway answer 5xx, on SQLite or on PostgreSQL. Every API
 * operation (walked from the served /openapi.json, which also documents the Link UI's JSON API)
 * and every Link page gets hostile input: NUL bytes, lone surrogates, invalid UTF-8, huge and
 * deeply nested JSON, wrong types, very long strings and unusual Unicode, in path parameters,
 * query parameters and bodies. First a sweep that hits each operation with each kind of body,
 * then fast-check's random mixes, from a fixed seed printed for replay (FUZZ_SEED=… to change
 * it, FUZZ_RUNS=… for more runs).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES, SANDBOX_PATHS } from '../../src/domain/public-urls.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);

interface Operation {
  method: string;
  /** With `{name}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyKeys: string[] | undefined;
  link: boolean;
}

/** Strings that have broken servers: each is sent as a whole value and mixed into others. */
const NASTY = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udbff\ud800',
  '\ufeff',
  '\uffff',
  '\u{10ffff}',
  '\u202eevil\u202c',
  'a\u200db\u200b',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̷̢̛̯a̸̧l̵g̶o̴',
  'Ａｂｃ＠ｅｘ．ｃｏｍ',
  'İıſK',
  '',
  ' ',
  '%00',
  '%ff%fe',
  '../../../../etc/passwd',
  "' OR '1'='1' --",
  '"; DROP TABLE companies; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '\\u0000',
  'name=x',
  'name = "x" && description != null',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

const LONG = ['x'.repeat(10_000), '🏳️‍🌈'.repeat(5_000), 'a\u0000'.repeat(2_000)];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  // Any UTF-16 code units, lone surrogates and controls included.
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })).map((parts) => parts.join('')) },
);

/** Wrong types at every level: numbers, booleans, null, arrays and objects with hostile keys. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, 0.1),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

type Body = { kind: 'none' } | { kind: 'raw'; text: string | Blob; type: string };

const deepJson = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
/** Bodies no well-behaved client sends. */
const SPECIAL_BODIES: Array<{ name: string; body: Body }> = [
  { name: 'deeply nested arrays', body: { kind: 'raw', type: 'application/json', text: deepJson(100_000, '[', ']') } },
  { name: 'deeply nested objects', body: { kind: 'raw', type: 'application/json', text: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` } },
  { name: 'a body over the limit', body: { kind: 'raw', type: 'application/json', text: `{"name":"${'x'.repeat(1_100_000)}"}` } },
  { name: 'a huge array under the limit', body: { kind: 'raw', type: 'application/json', text: `[${'0,'.repeat(400_000)}0]` } },
  { name: 'invalid UTF-8', body: { kind: 'raw', type: 'application/json', text: new Blob([Uint8Array.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0x22, 0x7d])]) } },
  { name: 'NUL escapes', body: { kind: 'raw', type: 'application/json', text: '{"name":"\\u0000","description":"a\\u0000b","tags":{"k\\u0000":"v\\u0000"}}' } },
  { name: 'lone surrogate escapes', body: { kind: 'raw', type: 'application/json', text: '{"name":"\\ud800","\\udfff":"x"}' } },
  { name: 'truncated JSON', body: { kind: 'raw', type: 'application/json', text: '{"name": "abc' } },
  { name: 'not JSON', body: { kind: 'raw', type: 'application/json', text: 'name=abc' } },
  { name: 'a form', body: { kind: 'raw', type: 'application/x-www-form-urlencoded', text: 'name=a%00b&decision=authorize' } },
  { name: 'text', body: { kind: 'raw', type: 'text/plain', text: '\u0000\ud800' } },
];

/** Percent-encodes any string, lone surrogates too (as the invalid UTF-8 bytes of a surrogate). */
function encodeHostile(value: string): string {
  let out = '';
  for (const ch of value) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}

function readOperations(document: any): Operation[] {
  const operations: Operation[] = [];
  const resolve = (schema: any): any => (schema?.$ref ? document.components.schemas[String(schema.$ref).split('/').pop()!] : schema);
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters: any[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      const schema = resolve(operation.requestBody?.content?.['application/json']?.schema);
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name as string),
        bodyKeys: operation.requestBody ? Object.keys(resolve(schema)?.properties ?? {}) : undefined,
        link: path.startsWith('/link/'),
      });
    }
  }
  return operations;
}

/** The Link pages and the Sandbox's pages, which are not in the API document. */
const PAGES: Operation[] = [...Object.values(PUBLIC_ROUTES), SANDBOX_PATHS.authorize, SANDBOX_PATHS.token, SANDBOX_PATHS.company]
  .filter((path) => path.startsWith('/link/') || path.startsWith('/sandbox/'))
  .flatMap((route) => {
    const path = route.replace(/:(\w+)/g, '{$1}');
    const base = { path, pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!), link: true };
    const queryParams = ['state', 'code', 'error', 'error_description', 'ref', 'next', 'link.showSandboxIntegrations', 'client_id', 'redirect_uri', 'response_type', 'ticket', 'returnUrl'];
    return [
      { ...base, method: 'GET', queryParams, bodyKeys: undefined },
      { ...base, method: 'POST', queryParams: [], bodyKeys: ['decision', 'dataset', 'grant_type', 'code', 'refresh_token', 'client_id'] },
    ];
  });

describe.each(TEST_DIALECTS)('hostile input on %s', (dialect) => {
  let doorway: RunningDoorway;
  let operations: Operation[];
  /** Real ids, so that some requests get past the lookups into the handlers. */
  const real: Record<string, string> = {};
  let link: { cookie: string; token: string };
  const failures: string[] = [];

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    const company = await doorway.api('POST', '/companies', { name: 'Fuzz Ltd' });
    real.companyId = company.json.id as string;
    real.connectionId = (await doorway.api('POST', `/companies/${real.companyId}/connections`, { platformKey: 'mqjo' })).json.id as string;
    real.webhookId = (await doorway.api('POST', '/webhooks', { url: 'https://hooks.example/in', eventTypes: ['company.created'] })).json.id as string;
    real.platformKey = 'mqjo';
    real.clientSlug = 'default';
    real.id = real.connectionId;
    const page = await fetch(`${doorway.url}/link/company/${real.companyId}`);
    const bootstrap = /<script type="application\/json" id="doorway-link-bootstrap">(.*?)<\/script>/s.exec(await page.text())?.[1];
    const token = bootstrap ? (JSON.parse(bootstrap) as { csrfToken: string }).csrfToken : '';
    expect(token).not.toBe('');
    link = { cookie: page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), token };
    real.sessionId = token;
    operations = [...readOperations(await (await fetch(`${doorway.url}/openapi.json`)).json()), ...PAGES];
    console.log(`hostile input on ${dialect}: ${operations.length} operations, fast-check seed ${SEED} (replay: FUZZ_SEED=${SEED}), ${RUNS} runs`);
  });
  afterAll(async () => doorway?.close());

  async function send(operation: Operation, params: Record<string, string>, query: Array<[string, string]>, body: Body): Promise<number> {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeHostile(params[name] ?? real[name] ?? 'x'));
    const search = query.map(([key, value]) => `${encodeHostile(key)}=${encodeHostile(value)}`).join('&');
    const url = `${doorway.url}${path}${search ? `?${search}` : ''}`;
    const headers: Record<string, string> = operation.link ? { Cookie: link.cookie, 'X-CSRF-Token': link.token } : { Authorization: doorway.authHeader };
    if (body.kind === 'raw') headers['Content-Type'] = body.type;
    const withBody = body.kind === 'raw' && operation.method !== 'GET';
    let response: Response;
    try {
      response = await fetch(url, { method: operation.method, headers, body: withBody ? body.text : undefined, redirect: 'manual' });
    } catch (error) {
      // Doorway may close the connection on a body over the limit; that is not a 5xx.
      if (withBody && (typeof body.text === 'string' ? body.text.length : body.text.size) > 1_048_576) return 413;
      throw error;
    }
    const text = await response.text();
    if (response.status >= 500) failures.push(`${operation.method} ${url.slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`);
    return response.status;
  }

  const jsonBody = (value: unknown): Body => ({ kind: 'raw', type: 'application/json', text: JSON.stringify(value) ?? 'null' });

  it('answers no operation with a 5xx, for each kind of hostile body and NUL in every parameter', { timeout: 60_000 }, async () => {
    for (const operation of operations) {
      const nul = Object.fromEntries(operation.pathParams.map((name) => [name, `a\u0000${name}`]));
      await send(operation, nul, operation.queryParams.map((name) => [name, '\u0000']), { kind: 'none' });
      await send(operation, {}, operation.queryParams.map((name) => [name, 'x'.repeat(10_000)]), { kind: 'none' });
      if (operation.method === 'GET') continue;
      for (const { body } of SPECIAL_BODIES) await send(operation, {}, [], body);
      await send(operation, {}, [], jsonBody(Object.fromEntries((operation.bodyKeys ?? ['name']).map((key) => [key, '\ud800\u0000']))));
      await send(operation, {}, [], jsonBody(Object.fromEntries((operation.bodyKeys ?? ['name']).map((key) => [key, { nested: [1, null, true] }]))));
    }
    expect(failures).toEqual([]);
  });

  it(`answers random hostile requests without a 5xx (fast-check, seed ${SEED})`, { timeout: 60_000 }, async () => {
    const request = fc
      .constantFrom(...operations)
      .chain((operation) =>
        fc.record({
          operation: fc.constant(operation),
          params: fc.record(Object.fromEntries(operation.pathParams.map((name) => [name, fc.oneof(hostileString, fc.constant(real[name] ?? 'x'))]))) as fc.Arbitrary<Record<string, string>>,
          query: fc.array(fc.tuple(operation.queryParams.length > 0 ? fc.oneof(fc.constantFrom(...operation.queryParams), hostileString) : hostileString, hostileString), { maxLength: 3 }),
          body: fc.oneof(
            fc.constant<Body>({ kind: 'none' }),
            hostileJson.map(jsonBody),
            fc.record(Object.fromEntries((operation.bodyKeys ?? []).map((key) => [key, hostileJson])), { requiredKeys: [] }).map(jsonBody),
            fc.constantFrom(...SPECIAL_BODIES.map((special) => special.body)),
          ),
        }),
      );
    await fc.assert(
      fc.asyncProperty(request, async ({ operation, params, query, body }) => {
        const status = await send(operation, params, query, body);
        expect(status, failures.at(-1)).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(failures).toEqual([]);
  });
});
