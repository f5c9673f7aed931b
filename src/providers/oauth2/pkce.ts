import { createHash } from 'node:crypto';
import { randomToken } from '../../domain/ids.js';

/** The S256 challenge for a verifier: BASE64URL(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). */
export function computeS256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * A fresh PKCE pair (RFC 7636, S256). The verifier is 32 random bytes as base64url: 43 characters
 * from the unreserved set, the minimum length the RFC allows and the entropy it recommends.
 * node:crypto rather than oauth4webapi's helpers because `calculatePKCECodeChallenge` is async
 * (WebCrypto) and this is called while building a redirect; the tests cross-check the two.
 */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomToken(32);
  return { verifier, challenge: computeS256Challenge(verifier) };
}
