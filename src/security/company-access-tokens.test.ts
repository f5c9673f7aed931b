import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCompanyAccessTokens } from './company-access-tokens.js';

describe('company access tokens', () => {
  const tokens = createCompanyAccessTokens(randomBytes(32));
  const claims = { clientId: 'client-1', companyId: 'company-1', expiresAt: 2_000 };

  it('verifies its own token until it expires', () => {
    const token = tokens.issue(claims);
    expect(tokens.verify(token, 1_999)).toEqual(claims);
    expect(tokens.verify(token, 2_000)).toBeUndefined();
  });

  it('rejects tampered claims, other keys and garbage', () => {
    const token = tokens.issue(claims);
    const [payload, signature] = token.slice('dwat_'.length).split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'client-1', co: 'company-2', exp: 2_000 })).toString('base64url');
    expect(tokens.verify(`dwat_${forged}.${signature}`, 1_000)).toBeUndefined();
    expect(createCompanyAccessTokens(randomBytes(32)).verify(token, 1_000)).toBeUndefined();
    expect(tokens.verify(`dwat_${payload}`, 1_000)).toBeUndefined();
    expect(tokens.verify('not a token', 1_000)).toBeUndefined();
  });
});
