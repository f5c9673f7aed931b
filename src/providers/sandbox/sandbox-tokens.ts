import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { randomToken } from '../../domain/ids.js';

/**
 * The Sandbox's authorization codes, access tokens and refresh tokens are stateless: each is its
 * claims, HMAC-SHA256-signed with a key Doorway derives at boot. Nothing is stored, so the
 * simulator needs no tables, survives restarts and works the same on every replica.
 *
 * Why stateless is acceptable here, although it means a code can be redeemed more than once
 * within its lifetime (RFC 6749 §4.1.2 says codes are single-use):
 * - This is a simulator holding sample data, never a real platform's credentials.
 * - Doorway's own OAuth `state` (its link session) is single-use and checked in Doorway's callback,
 *   so one consent cannot be turned into two connections; a replayed code gets nowhere.
 * - Codes live 60 seconds and are bound to the client, the exact redirect URI and the PKCE
 *   challenge: redeeming one also needs the client secret and the verifier.
 * Refresh tokens likewise cannot be revoked or retired on rotation; they just expire after 30 days.
 */

export const SANDBOX_CODE_TTL_SECONDS = 60;
export const SANDBOX_ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
export const SANDBOX_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

const TOKEN_PREFIX = 'sbx1';

const TTL_SECONDS = {
  code: SANDBOX_CODE_TTL_SECONDS,
  access: SANDBOX_ACCESS_TOKEN_TTL_SECONDS,
  refresh: SANDBOX_REFRESH_TOKEN_TTL_SECONDS,
} as const;

const codeClaimsSchema = z.strictObject({
  kind: z.literal('code'),
  clientId: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string(),
  dataset: z.string(),
  scope: z.string(),
});

const grantClaimsSchema = z.strictObject({
  kind: z.enum(['access', 'refresh']),
  clientId: z.string(),
  dataset: z.string(),
  scope: z.string(),
});

const signedClaimsSchema = z.intersection(
  z.discriminatedUnion('kind', [codeClaimsSchema, grantClaimsSchema]),
  z.object({ iat: z.number().int(), exp: z.number().int(), jti: z.string() }),
);

export type SandboxCodeClaims = z.infer<typeof codeClaimsSchema>;
export type SandboxAccessClaims = z.infer<typeof grantClaimsSchema> & { kind: 'access' };
export type SandboxRefreshClaims = z.infer<typeof grantClaimsSchema> & { kind: 'refresh' };
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

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Signs claims; the lifetime follows from the kind (code 60 s, access 1 h, refresh 30 d). */
export function signSandboxToken(key: Buffer, claims: SandboxTokenClaims, now: Date): string {
  assertKey(key);
  const iat = epochSeconds(now);
  // jti makes two tokens issued in the same second differ (a refresh must return a new token).
  const payload = { ...claims, iat, exp: iat + TTL_SECONDS[claims.kind], jti: randomToken(12) };
  const signedPart = `${TOKEN_PREFIX}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${signedPart}.${mac(key, signedPart).toString('base64url')}`;
}

/** Checks signature, kind and expiry (a token is dead from its `exp` second on). */
export function verifySandboxToken<K extends SandboxTokenKind>(
  key: Buffer,
  token: string,
  kind: K,
  now: Date,
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
  if (epochSeconds(now) >= parsed.data.exp) return { ok: false, reason: 'expired' };
  return { ok: true, claims: parsed.data as SignedSandboxClaims<K> };
}
