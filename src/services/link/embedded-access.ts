import type { Client } from '../../domain/client.js';
import type { Company } from '../../domain/company.js';
import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { COMPANY_ACCESS_TOKEN_TTL_SECONDS } from '../../security/company-access-tokens.js';
import type { LinkDeps } from './link-deps.js';
import { requireLinkSession } from './require-link-session.js';

/**
 * Embedded Link's three checks, in the order a browser meets them (docs/embedded-link.md):
 * the page's origin (also on the preflight, which carries no token), the company access token,
 * and the session that token opened. Each refusal says what the client's developer must fix;
 * none says whether another tenant's company exists.
 */

export interface EmbeddedCompany {
  company: Company;
  client: Client;
}

export const ORIGIN_NOT_ALLOWED = "This page's origin is not allowed to embed Link. Add it with POST /corsSettings.";
export const TOKEN_REFUSED = 'The access token is missing, expired, revoked or not for this company. Fetch a new one with GET /companies/{companyId}/accessToken.';

/** The company named in the path, provided `origin` is one of its client's CORS origins. */
export async function requireEmbedOrigin(deps: Pick<LinkDeps, 'store'>, companyId: string, origin: string | undefined): Promise<EmbeddedCompany> {
  const company = origin && isUuid(companyId) ? await deps.store.companies.findForLink(companyId) : undefined;
  const client = company && (await deps.store.clients.findById(company.clientId));
  if (!company || !client || !client.corsAllowedOrigins.includes(origin!)) throw new AppError('FORBIDDEN', ORIGIN_NOT_ALLOWED);
  return { company, client };
}

/** `Authorization: Bearer <token>`: signed by this deployment, unexpired, for this company, not revoked. */
export async function verifyCompanyAccess(deps: Pick<LinkDeps, 'store' | 'clock' | 'accessTokens'>, company: Company, authorization: string | undefined): Promise<string> {
  const token = /^Bearer ([A-Za-z0-9_.-]{1,2000})$/.exec(authorization ?? '')?.[1];
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const claims = token ? deps.accessTokens.verify(token, nowSeconds) : undefined;
  if (!token || !claims || claims.companyId !== company.id || claims.clientId !== company.clientId) throw new AppError('UNAUTHORIZED', TOKEN_REFUSED);
  const notBefore = await deps.store.companyAccessRevocations.notBefore(company.id);
  // Tokens carry their expiry, so they were issued a fixed time before it. A token issued in the
  // second of a revocation is refused too: seconds are all a token records.
  const issuedAtSeconds = claims.expiresAt - COMPANY_ACCESS_TOKEN_TTL_SECONDS;
  if (notBefore !== undefined && issuedAtSeconds <= Math.floor(Date.parse(notBefore) / 1000)) throw new AppError('UNAUTHORIZED', TOKEN_REFUSED);
  return token;
}

/** The session this token opened for this company (the token is its browser binding). */
export async function requireEmbeddedSession(deps: Pick<LinkDeps, 'store' | 'clock'>, sessionId: string | undefined, token: string, company: Company): Promise<LinkSession> {
  const session = await requireLinkSession(deps.store, sessionId, token, deps.clock.now());
  if (session.embed === null || session.companyId !== company.id) throw new AppError('FORBIDDEN', 'This Link session belongs to another page. Mount Link again.');
  return session;
}
