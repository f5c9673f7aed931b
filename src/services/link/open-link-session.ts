import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { isUuid, randomToken } from '../../domain/ids.js';
import { LINK_SESSION_TTL_MS, type LinkSession } from '../../domain/link/link-session.js';
import type { ServiceDeps } from '../deps.js';
import { recordLinkEvent } from './record-link-event.js';
import { hashBrowserSecret } from './require-link-session.js';

export const MAX_LINK_PARAMS = 30;

/** Keeps the Link URL's query (custom redirect placeholders, `link.*` options), bounded in size. */
export function linkParamsFrom(query: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of query) {
    if (Object.keys(params).length >= MAX_LINK_PARAMS) break;
    if (/^[A-Za-z0-9_.-]{1,64}$/.test(key) && value.length <= 500) params[key] = value;
  }
  return params;
}

/**
 * A browser opens a company's Link URL (or an Invite page, with no company yet): a new session
 * bound to this browser's secret cookie, and the `opened` funnel event.
 */
export async function openLinkSession(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  input: { companyId?: string; clientId?: string; browserSecret: string; params: Record<string, string> },
): Promise<LinkSession> {
  let clientId = input.clientId;
  let companyId: string | null = null;
  if (input.companyId !== undefined) {
    const company = isUuid(input.companyId) ? await deps.store.companies.findForLink(input.companyId) : undefined;
    if (!company) throw new AppError('NOT_FOUND', 'We could not find this link. Please check it, or ask the business that sent it for a new one.');
    clientId = company.clientId;
    companyId = company.id;
  }
  if (!clientId) throw new AppError('NOT_FOUND', 'We could not find this link.');
  const now = deps.clock.now();
  const session: LinkSession = {
    id: randomToken(24),
    clientId,
    companyId,
    browserHash: hashBrowserSecret(input.browserSecret),
    params: input.params,
    created: toIso(now),
    expiresAt: toIso(new Date(now.getTime() + LINK_SESSION_TTL_MS)),
  };
  await deps.store.linkSessions.insert(session);
  if (companyId) await recordLinkEvent(deps, session, 'opened');
  return session;
}
