import { createSignedClaims } from './signed-claims.js';

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
  const signed = createSignedClaims(signingKey, 'dwat_');
  return {
    issue: (claims) => signed.sign({ c: claims.clientId, co: claims.companyId, exp: claims.expiresAt }),
    verify(token, nowSeconds) {
      const parsed = signed.open(token) as { c: string; co: string; exp: number } | undefined;
      if (!parsed || parsed.exp <= nowSeconds) return undefined;
      return { clientId: parsed.c, companyId: parsed.co, expiresAt: parsed.exp };
    },
  };
}
