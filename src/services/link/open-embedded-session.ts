import type { EmbedOptions } from '../../domain/link/link-embedding.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { EmbeddedCompany } from './embedded-access.js';
import type { LinkDeps } from './link-deps.js';
import { openLinkSession } from './open-link-session.js';

/**
 * A Link SDK mount: a session like a Hosted Link visit's (the same funnel, the same per-address
 * limit), bound to the company access token instead of a cookie, remembering the page's origin
 * (the popup posts its result only there) and the options that narrow this visit.
 */
export async function openEmbeddedSession(
  deps: Pick<LinkDeps, 'store' | 'clock' | 'linkSessionsPerMinute'>,
  input: { access: EmbeddedCompany; token: string; origin: string; options: EmbedOptions; component: 'link' | 'connections'; clientAddress: string },
): Promise<LinkSession> {
  return openLinkSession(deps, {
    companyId: input.access.company.id,
    browserSecret: input.token,
    params: {},
    clientAddress: input.clientAddress,
    embed: { origin: input.origin, options: input.options, component: input.component },
  });
}
