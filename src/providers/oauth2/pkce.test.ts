import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { computeS256Challenge, createPkcePair } from './pkce.js';

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(computeS256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates fresh 43-character verifiers whose challenge oauth4webapi agrees with', async () => {
    const first = createPkcePair();
    const second = createPkcePair();
    expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.verifier).not.toBe(second.verifier);
    expect(first.challenge).toBe(await oauth.calculatePKCECodeChallenge(first.verifier));
  });
});
