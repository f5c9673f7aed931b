import { describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../registry.js';
import { resolveOAuth2 } from './resolve-endpoints.js';

const registry = createProviderRegistry();
const provider = (key: string) => {
  const definition = registry.get(key);
  if (!definition) throw new Error(`no provider ${key}`);
  return definition;
};

describe('resolveOAuth2', () => {
  it('fills connectionConfig placeholders in URLs and parameters', () => {
    const shopify = resolveOAuth2(provider('fztf'), { publicUrl: 'https://doorway.example', connectionConfig: { subdomain: 'my-store' } });
    expect(shopify).toMatchObject({
      authorizationUrl: 'https://my-store.myshopify.com/admin/oauth/authorize',
      tokenUrl: 'https://my-store.myshopify.com/admin/oauth/access_token',
      scopeSeparator: ',',
      tokenParams: { expiring: '1' },
    });
  });

  it('keeps definition defaults (QuickBooks: Basic auth, realmId from the callback)', () => {
    expect(resolveOAuth2(provider('qhyg'), { publicUrl: 'https://doorway.example' })).toEqual({
      authorizationUrl: 'https://appcenter.intuit.com/connect/oauth2',
      tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
      scopes: ['com.intuit.quickbooks.accounting', 'openid'],
      scopeSeparator: ' ',
      pkce: true,
      tokenEndpointAuth: 'client_secret_basic',
      authorizationParams: {},
      tokenParams: {},
      callbackMetadata: ['realmId'],
      tokenResponseMetadata: [],
      codeParam: 'code',
    });
  });

  it('applies a scopes override, and ignores a null one', () => {
    expect(resolveOAuth2(provider('qhyg'), { publicUrl: 'https://d.example', scopesOverride: ['custom'] }).scopes).toEqual(['custom']);
    expect(resolveOAuth2(provider('qhyg'), { publicUrl: 'https://d.example', scopesOverride: null }).scopes).toHaveLength(2);
  });

  it('points every sandbox provider at Doorway under its public URL', () => {
    for (const key of ['mqjo', 'aiwb', 'bnks']) {
      const resolved = resolveOAuth2(provider(key), { publicUrl: 'https://doorway.example/base/' });
      expect([resolved.authorizationUrl, resolved.tokenUrl]).toEqual([
        'https://doorway.example/base/sandbox/oauth/authorize',
        'https://doorway.example/base/sandbox/oauth/token',
      ]);
      // Like most real platforms: PKCE, Basic auth at the token endpoint, a refresh token asked for.
      const scopes = key === 'bnks' ? ['banking.read', 'offline_access'] : ['accounting.read', 'offline_access'];
      expect(resolved).toMatchObject({ scopes, pkce: true, tokenEndpointAuth: 'client_secret_basic', codeParam: 'code' });
      // No extra parameters; the token response's `dataset` (the sample company picked) is kept.
      expect([resolved.authorizationParams, resolved.tokenParams, resolved.callbackMetadata, resolved.tokenResponseMetadata]).toEqual([{}, {}, [], ['dataset']]);
      expect(provider(key)).toMatchObject({ organisationField: 'dataset', api: { baseUrl: '/sandbox/api', headers: {} } });
    }
  });

  it('refuses providers that are not OAuth, and placeholders without a value', () => {
    expect(() => resolveOAuth2(provider('ltpp'), { publicUrl: 'https://d.example' })).toThrow('Provider ltpp does not use OAuth 2 (auth type "credentials")');
    expect(() => resolveOAuth2(provider('fztf'), { publicUrl: 'https://d.example' })).toThrow('No value for ${connectionConfig.subdomain}');
  });

  it('returns copies that callers may change without touching the frozen definition', () => {
    const resolved = resolveOAuth2(provider('qhyg'), { publicUrl: 'https://d.example' });
    resolved.scopes.push('extra');
    expect(resolveOAuth2(provider('qhyg'), { publicUrl: 'https://d.example' }).scopes).toHaveLength(2);
  });
});
