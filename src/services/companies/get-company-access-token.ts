import { COMPANY_ACCESS_TOKEN_TTL_SECONDS } from '../../security/company-access-tokens.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireCompany } from './require-company.js';

export interface CompanyAccessToken {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** A one-day token scoped to one company, for Embedded Link in the client's own page. */
export async function getCompanyAccessToken(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'accessTokens'>,
  actor: Actor,
  companyId: string,
): Promise<CompanyAccessToken> {
  const company = await requireCompany(deps.store, actor.clientId, companyId);
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const accessToken = deps.accessTokens.issue({
    clientId: actor.clientId,
    companyId: company.id,
    expiresAt: nowSeconds + COMPANY_ACCESS_TOKEN_TTL_SECONDS,
  });
  return { accessToken, expiresIn: COMPANY_ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer' };
}
