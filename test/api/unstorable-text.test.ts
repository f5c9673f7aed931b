/**
 * NUL bytes (which PostgreSQL's text cannot hold, while SQLite keeps them) and lone surrogates
 * are refused at the door: a 400 in the surface's own format on both databases, never a 5xx,
 * wherever they come in (path, query, JSON body, unauthenticated Link pages and the Link API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpLinkClient } from '../support/http-link-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const NUL = '\u0000';

describe.each(TEST_DIALECTS)('text that cannot be stored on %s', (dialect) => {
  let doorway: RunningDoorway;
  let companyId: string;
  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    companyId = (await doorway.api('POST', '/companies', { name: 'Stored Ltd' })).json.id as string;
  });
  afterAll(async () => doorway?.close());

  /** Raw text, so a JSON escape like \ud800 reaches the server as written. */
  async function send(method: string, path: string, body?: string) {
    const headers: Record<string, string> = { Authorization: doorway.authHeader };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${doorway.url}${path}`, { method, headers, body });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  const apiCases: Array<[string, string, string | undefined]> = [
    ['POST', '/companies', JSON.stringify({ name: 'ok', description: `a${NUL}b` })],
    ['POST', '/companies', JSON.stringify({ name: `a${NUL}` })],
    ['POST', '/companies', JSON.stringify({ name: 'ok', tags: { [`k${NUL}`]: 'v' } })],
    ['POST', '/companies', JSON.stringify({ name: 'ok', tags: { k: `v${NUL}` } })],
    ['POST', '/companies', '{"name":"lone \\ud800 surrogate"}'],
    ['POST', '/companies', '{"name":"lone \\udfff low surrogate"}'],
    ['PUT', '/profile', JSON.stringify({ name: `Lender${NUL}`, redirectUrl: 'https://lender.example/done' })],
    ['POST', '/apiKeys', JSON.stringify({ name: `key${NUL}` })],
    ['PUT', '/integrations/mqjo/settings', JSON.stringify({ enabled: true, sourceKey: `k${NUL}` })],
    ['PUT', '/settings/link', JSON.stringify({ text: { [`en${NUL}`]: {} } })],
    ['POST', '/webhooks', JSON.stringify({ url: `https://hooks.example/${NUL}`, eventTypes: ['company.created'] })],
    ['GET', '/companies?query=name%3D%00', undefined],
    ['GET', '/companies?tags=uid%3D%00', undefined],
    ['GET', '/companies/%00', undefined],
    ['GET', '/apiKeys/%00x', undefined],
    ['DELETE', '/webhooks/%00', undefined],
  ];
  it.each(apiCases)('API %s %s %s: 400 in Codat’s envelope', async (method, path, body) => {
    const result = await send(method, path, body);
    expect(result.status, result.text).toBe(400);
    expect(JSON.parse(result.text)).toMatchObject({ statusCode: 400, error: expect.stringMatching(/NUL|surrogate/) });
  });

  it('refuses ids with NUL inside a company’s paths', async () => {
    for (const path of [`/companies/${companyId}/connections/%00`, `/companies/%00/connections`, `/companies/${companyId}%00`]) {
      expect((await send('GET', path)).status, path).toBe(400);
    }
  });

  it('stored nothing from the refused requests', async () => {
    const listed = await doorway.api('GET', '/companies?pageSize=100');
    expect(listed.json.results.map((company: { name: string }) => company.name)).toEqual(['Stored Ltd']);
  });

  it.each([
    '/link/invite/%00',
    '/link/oauth/callback?state=%00abc&code=x',
    '/link/s/%00',
    '/link/company/%00',
    '/link/company/{companyId}?ref=%00',
  ])('Link page %s: a friendly 400 page', async (path) => {
    const response = await fetch(`${doorway.url}${path.replace('{companyId}', companyId)}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/This link cannot be used/);
  });

  it('Link API: a NUL in a form field is a 400 in the Link API’s format', async () => {
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open('/link/invite/default');
    const result = await browser.api(sessionId, 'POST', '/invite/default', { companyName: `Invited${NUL}` });
    expect(result.status).toBe(400);
    expect(result.json.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/NUL/) });
  });
});
