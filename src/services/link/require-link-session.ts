import { createHash } from 'node:crypto';
import type { Company } from '../../domain/company.js';
import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { Store } from '../../storage/ports.js';

export const hashBrowserSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/**
 * The session named by the page, provided it belongs to this browser and has not expired.
 * Every Link API call goes through here, so a session id copied to another browser is useless.
 */
export async function requireLinkSession(store: Store, sessionId: string | undefined, browserSecret: string | undefined, now: Date): Promise<LinkSession> {
  const session = sessionId && browserSecret ? await store.linkSessions.find(sessionId) : undefined;
  if (!session || session.browserHash !== hashBrowserSecret(browserSecret!)) {
    throw new AppError('FORBIDDEN', 'This Link page has expired or was opened in another browser. Please open your link again.');
  }
  if (session.expiresAt <= now.toISOString()) {
    throw new AppError('FORBIDDEN', 'This Link page has expired. Please open your link again.');
  }
  return session;
}

/** The session's company; a session of the Invite page has none until the company is created. */
export async function requireSessionCompany(store: Store, session: LinkSession): Promise<Company> {
  const company = session.companyId ? await store.companies.findById(session.clientId, session.companyId) : undefined;
  if (!company) throw new AppError('NOT_FOUND', 'This company no longer exists. Please contact the business that sent you this link.');
  return company;
}
