import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are 256-bit random strings, so a single SHA-256 is the right hash: it cannot be
 * brute-forced, and it lets us find the key by an indexed lookup on every request (a slow
 * password hash would cost milliseconds per call and need a separate key id on the wire).
 */
export function generateApiKey(): string {
  return randomBytes(30).toString('base64url');
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('base64url');
}

/** What listings show instead of the key itself: enough to recognise it, not to use it. */
export function maskApiKey(apiKey: string): string {
  return `****${apiKey.slice(-4)}`;
}

/** Codat sends `Authorization: Basic base64(apiKey)` with no `user:password` pair. */
export function apiKeyFromAuthorizationHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded.length > 0 && decoded.length <= 512 ? decoded : undefined;
}
