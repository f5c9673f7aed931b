import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff passwords, hashed with scrypt from node:crypto (no native dependency to build). The
 * parameters are one of OWASP's recommended scrypt settings (N=2^14, r=8, p=5: 16 MiB, about the
 * work of N=2^17 with p=1 at an eighth of the memory, so two sign-ins at once never strain a
 * small machine), and they travel inside the stored string, so raising them later only needs
 * new hashes, never a migration.
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
 */
const PARAMS = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison; a malformed stored hash simply never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((value) => Number.isSafeInteger(value) && value > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A hash of a password nobody knows, checked when the email is unknown: a sign-in with an
 * unknown email then costs the same as one with a wrong password, so timing tells nothing.
 */
export function createDecoyHash(): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'));
}

/** Generated first-admin passwords: 20 random characters, far beyond any guessing. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
