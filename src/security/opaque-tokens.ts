import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens that are their own credential (Portal session cookies, invitation links): 256
 * random bits, stored only as a SHA-256 hash, so a database dump holds nothing usable and a
 * lookup is one indexed equality (a slow hash would buy nothing against 256 bits).
 */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
