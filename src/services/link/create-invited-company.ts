import type { LinkSession } from '../../domain/link/link-session.js';
import { INVITE_RATE_LIMIT } from '../../domain/link/rate-limits.js';
import { createCompany } from '../companies/create-company.js';
import type { ServiceDeps } from '../deps.js';
import { checkRateLimit } from './check-rate-limit.js';
import { recordLinkEvent } from './record-link-event.js';

/**
 * The Invite URL's form: the SMB names its company, which is created (and attached to this
 * visit) so the flow can continue. Limited per IP address per hour, counted in the database so
 * the limit holds across processes.
 */
export async function createInvitedCompany(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
  session: LinkSession,
  companyName: string,
  ip: string,
): Promise<string> {
  if (session.companyId) return session.companyId;
  await checkRateLimit(deps, INVITE_RATE_LIMIT, `${session.clientId}:${ip}`, 'Too many companies were created from this network. Please try again in an hour.');
  const { company } = await createCompany(deps, { clientId: session.clientId }, { name: companyName, createdByUserName: 'Invite link' });
  await deps.store.linkSessions.attachCompany(session.id, company.id);
  const attached = { ...session, companyId: company.id };
  await recordLinkEvent(deps, attached, 'company_created');
  await recordLinkEvent(deps, attached, 'opened');
  return company.id;
}
