import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { credentialHeaders, type ApiCredentials } from './api-credentials.js';
import { BUILT_IN_PROVIDERS } from './catalog/index.js';
import { parseProviderDefinitions, type ProviderDefinition } from './schema.js';

const catalogue = parseProviderDefinitions(BUILT_IN_PROVIDERS, 'built-in');
const platform = (name: string): ProviderDefinition => catalogue.find((provider) => provider.name === name)!;
const token = (tokenType = 'bearer', oauthClientId?: string): ApiCredentials => ({ kind: 'oauth2', accessToken: 'at-123', tokenType, oauthClientId });

function conflict(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    return (error as AppError).message;
  }
  throw new Error('expected a 409');
}

describe('credentialHeaders', () => {
  it('sends a Bearer token in Authorization by default (Xero), spelt as RFC 6750 does whatever the token type', () => {
    expect(credentialHeaders(platform('Xero'), token('bearer'))).toEqual({ authorization: 'Bearer at-123' });
    expect(credentialHeaders(platform('Xero'), token(''))).toEqual({ authorization: 'Bearer at-123' });
    // A platform declaring no scheme of its own gets the token type its token endpoint named.
    expect(credentialHeaders(platform('Xero'), token('MAC'))).toEqual({ authorization: 'MAC at-123' });
  });

  it("sends Shopify's bare token in X-Shopify-Access-Token, and no Authorization", () => {
    expect(credentialHeaders(platform('Shopify'), token())).toEqual({ 'x-shopify-access-token': 'at-123' });
  });

  it("sends Zoho's token after its own scheme", () => {
    expect(credentialHeaders(platform('Zoho Books'), token())).toEqual({ authorization: 'Zoho-oauthtoken at-123' });
  });

  it("adds MYOB's client id header, and refuses with 409 when no client id is known", () => {
    expect(credentialHeaders(platform('MYOB'), token('bearer', 'myob-app-id'))).toEqual({ authorization: 'Bearer at-123', 'x-myobapi-key': 'myob-app-id' });
    expect(conflict(() => credentialHeaders(platform('MYOB'), token()))).toContain('client id');
    // A platform that declares no client id header never gets one.
    expect(credentialHeaders(platform('Xero'), token('bearer', 'app-id'))).toEqual({ authorization: 'Bearer at-123' });
  });

  it("builds WooCommerce's Basic header from the consumer key and secret", () => {
    const fields = { storeUrl: 'https://shop.example.com', consumerKey: 'ck_key', consumerSecret: 'cs_sécret' };
    const headers = credentialHeaders(platform('WooCommerce'), { kind: 'fields', fields });
    expect(headers).toEqual({ authorization: `Basic ${Buffer.from('ck_key:cs_sécret', 'utf8').toString('base64')}` });
    expect(conflict(() => credentialHeaders(platform('WooCommerce'), { kind: 'fields', fields: { consumerKey: 'ck_key' } }))).toContain('consumerSecret');
    expect(conflict(() => credentialHeaders(platform('WooCommerce'), { kind: 'fields', fields: { ...fields, consumerKey: 'ck:x' } }))).toContain('colon');
  });

  it('refuses form credentials a platform declares no way to send, unless its headers carry form values', () => {
    const apiOnly = { key: 'test', api: { baseUrl: 'https://api.example', headers: { 'X-Version': '2' }, tokenHeader: 'Authorization', tokenScheme: 'Bearer' } };
    expect(conflict(() => credentialHeaders(apiOnly, { kind: 'fields', fields: { apiKey: 'k' } }))).toContain('form credentials');
    // Headers templated from the connection's (non-secret) fields are its authentication: resolveApiTarget renders them.
    const templated = { ...apiOnly, api: { ...apiOnly.api, headers: { 'X-Api-Key': '${connectionInfo.apiKey}' } } };
    expect(credentialHeaders(templated, { kind: 'fields', fields: { apiKey: 'k' } })).toEqual({});
    expect(conflict(() => credentialHeaders({ key: 'none' }, token()))).toContain('declares no API');
  });

  it('refuses values that would break the request line instead of letting node fail with a 500', () => {
    expect(conflict(() => credentialHeaders(platform('Xero'), { kind: 'oauth2', accessToken: 'a\r\nX-Evil: 1', tokenType: 'bearer' }))).toContain('control character');
    expect(conflict(() => credentialHeaders(platform('MYOB'), token('bearer', 'id\n')))).toContain('control character');
  });
});
