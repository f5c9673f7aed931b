import { describe, expect, it } from 'vitest';
import { checkAuthorizationRequest, isDoorwayCallback } from './authorization-request.js';

const PUBLIC_URL = 'https://doorway.example/';
const CALLBACK = 'https://doorway.example/link/oauth/callback';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('isDoorwayCallback', () => {
  it.each([
    [CALLBACK, true],
    [`${CALLBACK}?x=1`, true],
    [`${CALLBACK}-evil`, false],
    [`${CALLBACK}/more`, false],
    [`${CALLBACK}#frag`, false],
    ['https://doorway.example.evil.com/link/oauth/callback', false],
    ['https://attacker@doorway.example/link/oauth/callback', false],
    ['http://doorway.example/link/oauth/callback', false],
    ['not a url', false],
  ])('%s → %s', (uri, expected) => {
    expect(isDoorwayCallback(uri, PUBLIC_URL)).toBe(expected);
  });
});

describe('checkAuthorizationRequest', () => {
  const settings = { clientId: 'doorway', publicUrl: PUBLIC_URL };
  const valid = { response_type: 'code', client_id: 'doorway', redirect_uri: CALLBACK, state: 's', code_challenge: CHALLENGE, code_challenge_method: 'S256' };
  const check = (params: Record<string, string>) => checkAuthorizationRequest(new URLSearchParams(params), settings);

  it('accepts a good request and defaults the scope', () => {
    expect(check(valid)).toEqual({
      ok: true,
      request: { clientId: 'doorway', redirectUri: CALLBACK, scope: 'accounting.read offline_access', state: 's', codeChallenge: CHALLENGE },
    });
  });

  it('shows a page for anything that makes the redirect untrustworthy', () => {
    expect(check({ ...valid, client_id: 'x' })).toMatchObject({ ok: false, outcome: 'page' });
    expect(check({ ...valid, redirect_uri: 'https://evil.example/' })).toMatchObject({ ok: false, outcome: 'page' });
    const { client_id: _omit, ...withoutClient } = valid;
    expect(check(withoutClient)).toMatchObject({ ok: false, outcome: 'page' });
    expect(checkAuthorizationRequest(new URLSearchParams(`${new URLSearchParams(valid)}&redirect_uri=x`), settings)).toMatchObject({ ok: false, outcome: 'page' });
  });

  it('redirects protocol errors back to the validated callback', () => {
    expect(check({ ...valid, response_type: 'token' })).toMatchObject({ outcome: 'redirect', error: 'unsupported_response_type', state: 's' });
    expect(check({ ...valid, code_challenge_method: 'plain' })).toMatchObject({ outcome: 'redirect', error: 'invalid_request' });
    expect(check({ ...valid, code_challenge: 'short' })).toMatchObject({ outcome: 'redirect', error: 'invalid_request' });
    expect(check({ ...valid, scope: 'accounting.read admin' })).toMatchObject({ outcome: 'redirect', error: 'invalid_scope' });
  });
});
