import { describe, expect, it } from 'vitest';
import { oauth2Credentials, renewTokenSet } from './connection-credentials.js';

describe('token set renewal', () => {
  const previous = oauth2Credentials({ accessToken: 'old', refreshToken: 'rt-1', tokenType: 'bearer', expiresAt: null, scope: null, idToken: null });

  it('keeps the previous refresh token when the response carried none', () => {
    const renewed = renewTokenSet(previous, { ...previous, accessToken: 'new', refreshToken: null });
    expect(renewed).toMatchObject({ kind: 'oauth2', accessToken: 'new', refreshToken: 'rt-1' });
  });

  it('takes a rotated refresh token', () => {
    expect(renewTokenSet(previous, { ...previous, accessToken: 'new', refreshToken: 'rt-2' }).refreshToken).toBe('rt-2');
  });
});
