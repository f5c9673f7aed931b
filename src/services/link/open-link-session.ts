import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { isUuid, randomToken } from '../../domain/ids.js';
import type { LinkEmbedding } from '../../domain/link/link-embedding.js';
import { LINK_SESSION_TTL_MS, type LinkSession } from '../../domain/link/link-session.js';
import { linkSessionRateLimit } from '../../domain/link/rate-limits.js';
import { checkRateLimit } from './check-rate-limit.js';
import type { LinkDeps } from './link-deps.js';
import { recordLinkEvent } from './record-link-event.js';
import { hashBrowserSecret } from './require-link-session.js';

/**
 * What a session keeps of the Link URL's query string, so a row an anonymous visitor creates stays
 * small: at most 10 parameters, names of 1 to 40 letters, digits, `_`, `.` or `-`, values of at
 * most 200 characters without control characters (at most about 7 KB stored, JSON-escaped UTF-8).
 * Anything else is dropped, not refused, so a tracking parameter a mail tool appends (`fbclid`,
 * `utm_*`) never breaks a customer's link; the first acceptable parameters win.
 */
export const LINK_PARAM_LIMITS = { count: 10, nameLength: 40, valueLength: 200 } as const;

const PARAM_NAME = new RegExp(`^[A-Za-z0-9_.-]{1,${LINK_PARAM_LIMITS.nameLength}}$`);
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Keeps the Link URL's query (custom redirect placeholders, `link.*` options), bounded in size. */
export function linkParamsFrom(query: URLSearchParams): Record<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of query) {
    if (!PARAM_NAME.test(key) || value.length > LINK_PARAM_LIMITS.valueLength || CONTROL_CHARACTER.test(value)) continue;
    if (params.has(key) || params.size < LINK_PARAM_LIMITS.count) params.set(key, value);
  }
  return Object.fromEntries(params);
}

/**
 * A browser opens a company's Link URL (or an Invite page, with no company yet): a new session
 * bound to this browser's secret cookie, and the `opened` funnel event. Each address may open
 * `linkSessionsPerMinute` sessions a minute (counted before the company is looked up, so it also
 * slows down guessing company ids); beyond that the page answers 429.
 */
export async function openLinkSession(
  deps: Pick<LinkDeps, 'store' | 'clock' | 'linkSessionsPerMinute'>,
  input: { companyId?: string; clientId?: string; browserSecret: string; params: Record<string, string>; clientAddress: string; embed?: LinkEmbedding },
): Promise<LinkSession> {
  if (deps.linkSessionsPerMinute > 0) {
    const rule = linkSessionRateLimit(deps.linkSessionsPerMinute);
    await checkRateLimit(deps, rule, input.clientAddress, 'Too many Link pages were opened from this network. Please wait a minute and try again.');
  }
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
    embed: input.embed ?? null,
  };
  await deps.store.linkSessions.insert(session);
  if (companyId) await recordLinkEvent(deps, session, 'opened');
  return session;
}
