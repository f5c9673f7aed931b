import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stateless claims that any process sharing the deployment key can check: a JSON payload and
 * its HMAC-SHA256, as `<prefix><payload>.<signature>` (both base64url). Each use derives its own
 * key, so a value signed for one purpose never verifies as another.
 */
export interface SignedClaims {
  sign(claims: object): string;
  /** The payload, when the signature is this key's; otherwise undefined. */
  open(value: string): unknown;
}

export function createSignedClaims(signingKey: Buffer, prefix: string): SignedClaims {
  const mac = (payload: string) => createHmac('sha256', signingKey).update(payload).digest('base64url');
  const shape = new RegExp(`^${prefix}([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)$`);
  return {
    sign(claims) {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${prefix}${payload}.${mac(payload)}`;
    },
    open(value) {
      const match = value.length <= 4000 ? shape.exec(value) : null;
      if (!match?.[1] || !match[2]) return undefined;
      const expected = Buffer.from(mac(match[1]));
      const given = Buffer.from(match[2]);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as unknown;
    },
  };
}
