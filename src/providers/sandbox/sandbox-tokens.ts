import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { randomToken } from '../../domain/ids.js';

/**
 * The Sandbox's authorization codes, access tokens and refresh tokens are claims,
 * HMAC-SHA256-signed with a key Doorway derives at boot. Access and refresh tokens name the grant
 * they belong to (a row in `sandbox_grants`), so they can be rotated and revoked like a real
 * platform's; a refresh token also carries its generation, and only the grant's current one works.
 *
 * Codes stay stateless, although that means one could be redeemed more than once within its
 * lifetime (RFC 6749 §4.1.2 says codes are single-use), because:
 * - This is a simulator holding sample data, never a real platform's credentials.
 * - Doorway's own OAuth `state` (its link session) is single-use and checked in Doorway's callback,
 *   so one consent cannot be turned into two connections; a replayed code gets nowhere.
 * - Codes live 60 seconds and are bound to the client, the exact redirect URI and the PKCE
 *   challenge: redeeming one also needs the client secret and the verifier.
 * A replayed code would at most mint a second, independent grant over the same sample data.
 */

export const SANDBOX_CODE_TTL_SECONDS = 60;
// Access and refresh token lifetimes are configuration (SANDBOX_*_TOKEN_TTL_SECONDS), passed in.

const TOKEN_PREFIX = 'sbx2';

const codeClaimsSchema = z.strictObject({
  kind: z.literal('code'),
  clientId: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string(),
  dataset: z.string(),
  scope: z.string(),
});

const accessClaimsSchema = z.strictObject({
  kind: z.literal('access'),
  grantId: z.string(),
  clientId: z.string(),
  dataset: z.string(),
  scope: z.string(),
});

/** Dataset and scope live in the grant: a refresh token only says which grant, and which generation. */
const refreshClaimsSchema = z.strictObject({
  kind: z.literal('refresh'),
  grantId: z.string(),
  generation: z.number().int().min(0),
  clientId: z.string(),
});

const signedClaimsSchema = z.intersection(
  z.discriminatedUnion('kind', [codeClaimsSchema, accessClaimsSchema, refreshClaimsSchema]),
  z.object({ iat: z.number().int(), exp: z.number().int(), jti: z.string() }),
);

export type SandboxCodeClaims = z.infer<typeof codeClaimsSchema>;
export type SandboxAccessClaims = z.infer<typeof accessClaimsSchema>;
export type SandboxRefreshClaims = z.infer<typeof refreshClaimsSchema>;
export type SandboxTokenClaims = SandboxCodeClaims | SandboxAccessClaims | SandboxRefreshClaims;
export type SandboxTokenKind = SandboxTokenClaims['kind'];

/** Claims plus what signing adds: issued-at and expiry (seconds since the epoch) and a random id. */
export type SignedSandboxClaims<K extends SandboxTokenKind = SandboxTokenKind> = Extract<SandboxTokenClaims, { kind: K }> & {
  iat: number;
  exp: number;
  jti: string;
};

export type SandboxTokenVerification<K extends SandboxTokenKind> =
  | { ok: true; claims: SignedSandboxClaims<K> }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_kind' | 'expired' };

function assertKey(key: Buffer): void {
  if (key.length < 32) throw new Error('The Sandbox signing key must be at least 32 bytes');
}

function mac(key: Buffer, signedPart: string): Buffer {
  return createHmac('sha256', key).update(`doorway:sandbox-token:${signedPart}`).digest();
}

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** Signs claims that live `ttlSeconds` from `now`. */
export function signSandboxToken(key: Buffer, claims: SandboxTokenClaims, now: Date, ttlSeconds: number): string {
  assertKey(key);
  const iat = epochSeconds(now);
  // jti makes two tokens issued in the same second differ (a refresh must return a new token).
  const payload = { ...claims, iat, exp: iat + ttlSeconds, jti: randomToken(12) };
  const signedPart = `${TOKEN_PREFIX}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${signedPart}.${mac(key, signedPart).toString('base64url')}`;
}

/**
 * Checks signature, kind and expiry (a token is dead from its `exp` second on). Revocation
 * passes `ignoreExpiry`: revoking an expired token still ends its grant.
 */
export function verifySandboxToken<K extends SandboxTokenKind>(
  key: Buffer,
  token: string,
  kind: K,
  now: Date,
  options: { ignoreExpiry?: boolean } = {},
): SandboxTokenVerification<K> {
  assertKey(key);
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return { ok: false, reason: 'malformed' };
  const [prefix, payload, signature] = parts as [string, string, string];
  const expected = mac(key, `${prefix}.${payload}`);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'bad_signature' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = signedClaimsSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.data.kind !== kind) return { ok: false, reason: 'wrong_kind' };
  if (!options.ignoreExpiry && epochSeconds(now) >= parsed.data.exp) return { ok: false, reason: 'expired' };
  return { ok: true, claims: parsed.data as SignedSandboxClaims<K> };
}
