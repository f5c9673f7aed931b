import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-day, one-company bearer tokens for Embedded Link (`GET /companies/{id}/accessToken`).
 * They are stateless HMAC-signed claims: any process sharing the encryption key can verify them,
 * and verification must still check that the company exists, so deleting it revokes its tokens.
 */
export interface CompanyAccessClaims {
  clientId: string;
  companyId: string;
  expiresAt: number; // unix seconds
}

export interface CompanyAccessTokens {
  issue(claims: CompanyAccessClaims): string;
  verify(token: string, nowSeconds: number): CompanyAccessClaims | undefined;
}

export const COMPANY_ACCESS_TOKEN_TTL_SECONDS = 86_400;

export function createCompanyAccessTokens(signingKey: Buffer): CompanyAccessTokens {
  const sign = (payload: string) => createHmac('sha256', signingKey).update(payload).digest('base64url');
  return {
    issue(claims) {
      const payload = Buffer.from(JSON.stringify({ c: claims.clientId, co: claims.companyId, exp: claims.expiresAt })).toString('base64url');
      return `dwat_${payload}.${sign(payload)}`;
    },
    verify(token, nowSeconds) {
      const match = /^dwat_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
      if (!match?.[1] || !match[2]) return undefined;
      const expected = Buffer.from(sign(match[1]));
      const given = Buffer.from(match[2]);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const parsed = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as { c: string; co: string; exp: number };
      if (parsed.exp <= nowSeconds) return undefined;
      return { clientId: parsed.c, companyId: parsed.co, expiresAt: parsed.exp };
    },
  };
}
