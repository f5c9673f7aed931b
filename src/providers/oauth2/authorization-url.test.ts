import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from './authorization-url.js';
import type { ResolvedOAuth2 } from './types.js';

const base: ResolvedOAuth2 = {
  authorizationUrl: 'https://auth.example/authorize?tenant=common',
  tokenUrl: 'https://auth.example/token',
  scopes: ['read', 'write'],
  scopeSeparator: ',',
  pkce: true,
  tokenEndpointAuth: 'client_secret_post',
  authorizationParams: { prompt: 'consent', access_type: 'offline' },
  tokenParams: {},
  callbackMetadata: [],
  tokenResponseMetadata: [],
  codeParam: 'code',
};

describe('buildAuthorizationUrl', () => {
  it('sets the authorization request parameters, keeping the URL own query', () => {
    const url = new URL(buildAuthorizationUrl(base, { clientId: 'app', redirectUri: 'https://d.example/link/oauth/callback', state: 'st', codeChallenge: 'ch' }));
    expect(url.origin + url.pathname).toBe('https://auth.example/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'common',
      response_type: 'code',
      client_id: 'app',
      redirect_uri: 'https://d.example/link/oauth/callback',
      scope: 'read,write',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      prompt: 'consent',
      access_type: 'offline',
    });
  });

  it('omits scope when there is none and PKCE when the provider does not use it', () => {
    const url = new URL(buildAuthorizationUrl({ ...base, scopes: [], pkce: false }, { clientId: 'app', redirectUri: 'https://d.example/cb', state: 'st', codeChallenge: 'ignored' }));
    expect(url.searchParams.has('scope')).toBe(false);
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('refuses to drop PKCE silently', () => {
    expect(() => buildAuthorizationUrl(base, { clientId: 'app', redirectUri: 'https://d.example/cb', state: 'st' })).toThrow(/PKCE/);
  });
});
