/**
 * The compatibility promise, proven: Codat's own TypeScript SDK (with its response validation on)
 * drives a running Doorway through every supported operation, changing nothing but `serverURL`.
 * Runs once per database dialect.
 */
import { CodatPlatform } from '@codat/platform';
import { ErrorMessage } from '@codat/platform/sdk/models/errors/index.js';
import { CodatPlatformError } from '@codat/platform/sdk/models/errors/codatplatformerror.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { basicAuth, startDoorway, type RunningDoorway } from '../support/start-doorway.js';

/**
 * Codat's spec declares delete-api-key's 204 as carrying a JSON body (it `$ref`s an error
 * component), so the SDK tries to JSON-parse an empty 204 and throws although the key was
 * deleted. HTTP forbids a 204 body; Doorway answers 204 as the wire format says. This helper
 * accepts exactly that SDK failure and nothing else.
 */
async function deleteApiKeyWithSdk(codat: CodatPlatform, apiKeyId: string): Promise<void> {
  const error = await codat.settings.deleteApiKey({ apiKeyId }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return;
  expect(error).toBeInstanceOf(CodatPlatformError);
  expect((error as CodatPlatformError).statusCode).toBe(204);
}

async function expectCodatError(promise: Promise<unknown>, status: number, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected an HTTP ${status} error`).toBeInstanceOf(CodatPlatformError);
  const codatError = error as CodatPlatformError;
  expect(codatError.statusCode).toBe(status);
  const body = JSON.parse(codatError.body) as { statusCode: number; error: string; correlationId: string };
  expect(body.statusCode).toBe(status);
  expect(body.correlationId).toMatch(/^[A-Za-z0-9._-]{8,}$/);
  if (message) expect(body.error).toMatch(message);
}

describe.each(TEST_DIALECTS)('Codat SDK conformance on %s', (dialect) => {
  let doorway: RunningDoorway;
  let codat: CodatPlatform;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    codat = new CodatPlatform({ authHeader: doorway.authHeader, serverURL: doorway.url, retryConfig: { strategy: 'none' } });
  });
  afterAll(async () => doorway?.close());

  it('creates, gets, lists, replaces, updates and deletes companies', async () => {
    const created = await codat.companies.create({ name: 'Bank of Dave (UK)[1]', description: 'M-1', tags: { uid: 'merchant-1' } });
    expect(created.name).toBe('Bank of Dave UK1');
    expect(created.redirect).toBe(`${doorway.url}/link/company/${created.id}`);
    expect(created.dataConnections).toEqual([]);
    expect(created.tags).toEqual({ uid: 'merchant-1' });

    const fetched = await codat.companies.get({ companyId: created.id });
    expect(fetched).toEqual(created);

    const byName = await codat.companies.list({ query: 'name=Bank of Dave UK1' });
    expect(byName.totalResults).toBe(1);
    expect(byName.results?.[0]?.id).toBe(created.id);
    expect(byName.links.self.href).toBe('/companies');

    const byTag = await codat.companies.list({ tags: 'uid=merchant-1' });
    expect(byTag.results?.map((c) => c.id)).toEqual([created.id]);

    const replaced = await codat.companies.replace({ companyId: created.id, companyRequestBody: { name: 'Replaced Co' } });
    expect(replaced.name).toBe('Replaced Co');
    expect(replaced.description).toBeUndefined();
    expect(replaced.tags).toEqual({});

    const updated = await codat.companies.update({ companyId: created.id, companyUpdateRequest: { description: 'kept name', tags: { region: 'uk' } } });
    expect(updated.name).toBe('Replaced Co');
    expect(updated.description).toBe('kept name');
    expect(updated.tags).toEqual({ region: 'uk' });

    await codat.companies.delete({ companyId: created.id });
    await expectCodatError(codat.companies.get({ companyId: created.id }), 404, /No company was found/);
    await expectCodatError(codat.companies.delete({ companyId: created.id }), 404);
  });

  it('pages companies with HAL links and orders them', async () => {
    for (const name of ['Page A', 'Page B', 'Page C']) await codat.companies.create({ name, tags: { batch: 'paging' } });
    const first = await codat.companies.list({ tags: 'batch=paging', pageSize: 2, page: 1, orderBy: '-name' });
    expect(first.totalResults).toBe(3);
    expect(first.results?.map((c) => c.name)).toEqual(['Page C', 'Page B']);
    expect(first.links.next?.href).toContain('page=2');
    expect(first.links.previous).toBeUndefined();
    const second = await codat.companies.list({ tags: 'batch=paging', pageSize: 2, page: 2, orderBy: '-name' });
    expect(second.results?.map((c) => c.name)).toEqual(['Page A']);
    expect(second.links.previous?.href).toContain('page=1');
  });

  it('rejects malformed queries, bad paging and bad bodies with 400', async () => {
    await expectCodatError(codat.companies.list({ query: 'name=' }), 400, /Error parsing query - Malformed query: empty value/);
    await expectCodatError(codat.companies.list({ query: '{name=a' }), 400, /unbalanced/);
    await expectCodatError(codat.companies.list({ query: 'created>yesterday' }), 400, /not a valid date/);
    await expectCodatError(codat.companies.list({ query: 'dataConnections.status=Happy' }), 400, /not a valid value/);
    await expectCodatError(codat.companies.list({ query: 'nosuchfield=1' }), 400, /Could not resolve property nosuchfield/);
    await expectCodatError(codat.companies.list({ tags: 'uid>1' }), 400, /not allowed/);
    await expectCodatError(codat.companies.list({ pageSize: 6000 }), 400);
    await expectCodatError(codat.companies.create({ name: '((()))' }), 400, /name/);
    const tooManyTags = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    await expectCodatError(codat.companies.create({ name: 'Tags', tags: tooManyTags }), 400, /at most 10 tags/);
    await expectCodatError(codat.companies.create({ name: 'Tags', tags: { ['k'.repeat(28)]: 'v' } }), 400, /1–27/);
  });

  it('manages a connection through its lifecycle', async () => {
    const company = await codat.companies.create({ name: 'Lifecycle Ltd' });
    const pending = await codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'mqjo' } });
    expect(pending.status).toBe('PendingAuth');
    expect(pending.platformName).toBe('Sandbox');
    expect(pending.integrationKey).toBe('mqjo');
    expect(pending.sourceType).toBe('Accounting');
    expect(pending.linkUrl).toBe(`${doorway.url}/link/companies/${company.id}/connections/${pending.id}/start`);

    const listed = await codat.connections.list({ companyId: company.id, query: 'status=PendingAuth' });
    expect(listed.results?.map((c) => c.id)).toEqual([pending.id]);
    const withConnection = await codat.companies.list({ query: 'dataConnections.status=PendingAuth&&name=Lifecycle Ltd' });
    expect(withConnection.results?.[0]?.dataConnections?.[0]?.id).toBe(pending.id);

    // Only Linked connections can be unlinked.
    await expectCodatError(
      codat.connections.unlink({ companyId: company.id, connectionId: pending.id, updateConnectionStatus: { status: 'Unlinked' as never } }),
      409,
      /Only Linked/,
    );

    const linked = await codat.connections.updateAuthorization({
      companyId: company.id,
      connectionId: pending.id,
      requestBody: { accessToken: 'migrated-token-123', businessId: 'biz-1' },
    });
    expect(linked.status).toBe('Linked');

    // One active accounting connection per company.
    await expectCodatError(codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'mqjo' } }), 409, /only one/);

    await expectCodatError(
      codat.connections.unlink({ companyId: company.id, connectionId: pending.id, updateConnectionStatus: { status: 'Deauthorized' as never } }),
      400,
    );
    const unlinked = await codat.connections.unlink({
      companyId: company.id,
      connectionId: pending.id,
      updateConnectionStatus: { status: 'Unlinked' as never },
    });
    expect(unlinked.status).toBe('Unlinked');
    expect((await codat.connections.get({ companyId: company.id, connectionId: pending.id })).status).toBe('Unlinked');

    await codat.connections.delete({ companyId: company.id, connectionId: pending.id });
    await expectCodatError(codat.connections.get({ companyId: company.id, connectionId: pending.id }), 404, /not found/);
    const none = await codat.companies.list({
      query:
        'name=Lifecycle Ltd&&dataConnections.status!=PendingAuth&&dataConnections.status!=Linked&&dataConnections.status!=Deauthorized&&dataConnections.status!=Unlinked',
    });
    expect(none.totalResults).toBe(1);
  });

  it('refuses unknown and disabled platforms', async () => {
    const company = await codat.companies.create({ name: 'Platforms Ltd' });
    await expectCodatError(codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'zzzz' } }), 404, /zzzz/);
    await expectCodatError(codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'gbol' } }), 400, /not enabled/);
    const enable = await fetch(`${doorway.url}/integrations/gbol/settings`, {
      method: 'PUT',
      headers: { Authorization: doorway.authHeader, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: true, clientId: 'xero-app', clientSecret: 'xero-secret' }),
    });
    expect(enable.status).toBe(200);
    const xero = await codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'gbol' } });
    expect(xero.platformName).toBe('Xero');
  });

  it('lists, gets and brands integrations', async () => {
    const accounting = await codat.integrations.list({ query: 'sourceType=accounting&&enabled=true' });
    expect(accounting.results?.some((i) => i.key === 'mqjo')).toBe(true);
    expect(accounting.results?.every((i) => i.sourceType === 'Accounting' && i.enabled)).toBe(true);
    const xero = await codat.integrations.get({ platformKey: 'gbol' });
    expect(xero.name).toBe('Xero');
    const branding = await codat.integrations.getBranding({ platformKey: 'gbol' });
    expect(branding.sourceId).toBe(xero.sourceId);
    await expectCodatError(codat.integrations.get({ platformKey: 'nope' }), 404);
    await expectCodatError(codat.integrations.list({ query: 'colour=red' }), 400, /Could not resolve property colour/);
  });

  it('manages API keys (hashed, shown once, at most 10)', async () => {
    const created = await codat.settings.createApiKey({ name: 'ci' });
    expect(created.apiKey).toMatch(/^[A-Za-z0-9_-]{40}$/);
    const listed = await codat.settings.listApiKeys();
    const shown = listed.results?.find((k) => k?.id === created.id);
    expect(shown?.apiKey).toBe(`****${created.apiKey!.slice(-4)}`);

    const other = new CodatPlatform({ authHeader: basicAuth(created.apiKey!), serverURL: doorway.url, retryConfig: { strategy: 'none' } });
    expect((await other.settings.getProfile()).name).toBeTruthy();
    await deleteApiKeyWithSdk(codat, created.id!);
    await expectCodatError(other.settings.getProfile(), 401, /Unauthorized/);
    await expectCodatError(codat.settings.deleteApiKey({ apiKeyId: created.id! }), 404);
    await expectCodatError(codat.settings.createApiKey({ name: 'x'.repeat(51) }), 400, /Max string length \(50\)/);

    const extra = [];
    for (let i = (await codat.settings.listApiKeys()).results!.length; i < 10; i++) extra.push(await codat.settings.createApiKey({ name: `k${i}` }));
    await expectCodatError(codat.settings.createApiKey({ name: 'eleventh' }), 409, /at most 10/);
    for (const key of extra) await deleteApiKeyWithSdk(codat, key.id!);
  });

  it('reads and writes the profile and CORS settings', async () => {
    const profile = await codat.settings.updateProfile({
      name: 'Bob\'s Burgers',
      redirectUrl: 'https://bobs-burgers.{countrySuffix}/{companyId}',
      whiteListUrls: ['https://bobs-burgers.com'],
    });
    expect(profile.redirectUrl).toBe('https://bobs-burgers.{countrySuffix}/{companyId}');
    expect((await codat.settings.getProfile()).whiteListUrls).toEqual(['https://bobs-burgers.com']);
    await expectCodatError(codat.settings.updateProfile({ name: 'x', redirectUrl: 'not a url' }), 400);

    const cors = await codat.settings.set({ allowedOrigins: ['https://www.bank-of-dave.com'] });
    expect(cors.allowedOrigins).toEqual(['https://www.bank-of-dave.com']);
    expect((await codat.settings.get()).allowedOrigins).toEqual(['https://www.bank-of-dave.com']);
  });

  it('issues company access tokens', async () => {
    const company = await codat.companies.create({ name: 'Token Ltd' });
    const token = await codat.companies.getAccessToken({ companyId: company.id });
    expect(token.expiresIn).toBe(86400);
    expect(token.tokenType).toBe('Bearer');
    expect(token.accessToken.length).toBeGreaterThan(20);
    await expectCodatError(codat.companies.getAccessToken({ companyId: '00000000-0000-4000-8000-000000000000' }), 404);
  });

  it('manages webhook consumers', async () => {
    const consumer = await codat.webhooks.createConsumer({
      url: 'https://example.com/hooks',
      eventTypes: ['connection.connected'],
      companyTags: ['region:uk'],
    });
    expect(consumer.disabled).toBe(false);
    expect((await codat.webhooks.listConsumers()).results?.map((c) => c.id)).toContain(consumer.id);
    await expectCodatError(codat.webhooks.createConsumer({ url: 'not-a-url', eventTypes: ['x'] }), 400);
    await expectCodatError(codat.webhooks.createConsumer({ url: 'https://example.com', eventTypes: [] }), 400);
    await codat.webhooks.deleteConsumer({ webhookId: consumer.id! });
    await expectCodatError(codat.webhooks.deleteConsumer({ webhookId: consumer.id! }), 404);
  });

  it('rejects a wrong API key with 401 in the error envelope', async () => {
    const stranger = new CodatPlatform({ authHeader: basicAuth('not-a-real-key-0000000'), serverURL: doorway.url, retryConfig: { strategy: 'none' } });
    const error = await stranger.companies.list({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorMessage);
    expect((error as ErrorMessage).statusCode).toBe(401);
  });
});
