import { describe, expect, it } from 'vitest';
import { credentialHeaders, type ApiCredentials } from './api-credentials.js';
import { BUILT_IN_PROVIDERS } from './catalog/index.js';
import { parseProviderDefinitions, type ProviderDefinition } from './schema.js';

const catalogue = parseProviderDefinitions(BUILT_IN_PROVIDERS, 'built-in');
const platform = (name: string): ProviderDefinition => catalogue.find((provider) => provider.name === name)!;
const token = (tokenType = 'bearer', oauthClientId?: string): ApiCredentials => ({ kind: 'oauth2', accessToken: 'at-123', tokenType, oauthClientId });

/** A 409 AppError whose message says `why`. */
const conflictSaying = (why: string) => expect.objectContaining({ status: 409, message: expect.stringContaining(why) });

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
    expect(() => credentialHeaders(platform('MYOB'), token())).toThrow(conflictSaying('client id'));
    // A platform that declares no client id header never gets one.
    expect(credentialHeaders(platform('Xero'), token('bearer', 'app-id'))).toEqual({ authorization: 'Bearer at-123' });
  });

  it("builds WooCommerce's Basic header from the consumer key and secret", () => {
    const fields = { storeUrl: 'https://shop.example.com', consumerKey: 'ck_key', consumerSecret: 'cs_sécret' };
    const headers = credentialHeaders(platform('WooCommerce'), { kind: 'fields', fields });
    expect(headers).toEqual({ authorization: `Basic ${Buffer.from('ck_key:cs_sécret', 'utf8').toString('base64')}` });
    expect(() => credentialHeaders(platform('WooCommerce'), { kind: 'fields', fields: { consumerKey: 'ck_key' } })).toThrow(conflictSaying('consumerSecret'));
    expect(() => credentialHeaders(platform('WooCommerce'), { kind: 'fields', fields: { ...fields, consumerKey: 'ck:x' } })).toThrow(conflictSaying('colon'));
  });

  it('refuses form credentials a platform declares no way to send, unless its headers carry form values', () => {
    const apiOnly = { key: 'test', api: { baseUrl: 'https://api.example', headers: { 'X-Version': '2' }, tokenHeader: 'Authorization', tokenScheme: 'Bearer' } };
    expect(() => credentialHeaders(apiOnly, { kind: 'fields', fields: { apiKey: 'k' } })).toThrow(conflictSaying('form credentials'));
    // Headers templated from the connection's (non-secret) fields are its authentication: resolveApiTarget renders them.
    const templated = { ...apiOnly, api: { ...apiOnly.api, headers: { 'X-Api-Key': '${connectionInfo.apiKey}' } } };
    expect(credentialHeaders(templated, { kind: 'fields', fields: { apiKey: 'k' } })).toEqual({});
    expect(() => credentialHeaders({ key: 'none' }, token())).toThrow(conflictSaying('declares no API'));
  });

  it('refuses values that would break the request line instead of letting node fail with a 500', () => {
    expect(() => credentialHeaders(platform('Xero'), { kind: 'oauth2', accessToken: 'a\r\nX-Evil: 1', tokenType: 'bearer' })).toThrow(conflictSaying('control character'));
    expect(() => credentialHeaders(platform('MYOB'), token('bearer', 'id\n'))).toThrow(conflictSaying('control character'));
  });
});
