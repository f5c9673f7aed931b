import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { publicPaths } from '../../domain/public-urls.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import { AUTHORIZE_TICKET_TTL_SECONDS } from '../../security/authorize-tickets.js';
import type { LinkDeps } from './link-deps.js';
import { requireOfferedInVisit } from './link-integrations.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireLinkConnection } from './require-link-connection.js';

export type AuthorizationNext = { kind: 'redirect'; url: string } | { kind: 'credentials' };

/**
 * The SMB accepted the consent screen (or asked to reconnect): tells the page where
 * authorization happens next, an OAuth redirect through Doorway or the credentials form.
 */
export async function giveConsent(
  deps: Pick<LinkDeps, 'store' | 'clock' | 'providers' | 'urls' | 'authorizeTickets'>,
  session: LinkSession,
  connectionId: string,
): Promise<AuthorizationNext> {
  const connection = await requireLinkConnection(deps.store, session, connectionId);
  if (connection.status === 'Linked') throw new AppError('CONFLICT', 'This connection is already connected.');
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider) throw new AppError('BAD_REQUEST', 'This platform is no longer available.');
  await requireOfferedInVisit(deps, session, provider);
  await recordLinkEvent(deps, session, 'consent_given', { connectionId, platformKey: provider.key, sourceType: provider.sourceType });
  // Credentials platforms, and OAuth platforms that need a value first (Shopify's shop, Zoho's
  // data centre), show the form; the rest go straight to the platform.
  return needsForm(provider) ? { kind: 'credentials' } : authorizationRedirect(deps, session, connectionId);
}

/**
 * Where the browser goes to start the platform's authorization. Hosted Link navigates its own
 * page to the session's authorize path, which its cookie proves. An embedded session's popup
 * cannot prove the session (no token, no header), so it gets Doorway's absolute embedded
 * authorize URL with a short-lived ticket signed for this session and connection.
 */
export function authorizationRedirect(
  deps: Pick<LinkDeps, 'clock' | 'urls' | 'authorizeTickets'>,
  session: LinkSession,
  connectionId: string,
): AuthorizationNext {
  if (session.embed === null) return { kind: 'redirect', url: publicPaths.authorize(session.id, connectionId) };
  const expiresAt = Math.floor(deps.clock.now().getTime() / 1000) + AUTHORIZE_TICKET_TTL_SECONDS;
  return { kind: 'redirect', url: deps.urls.embeddedAuthorize(deps.authorizeTickets.issue({ sessionId: session.id, connectionId, expiresAt })) };
}

export const needsForm = (provider: ProviderDefinition) => provider.auth.type === 'credentials' || provider.connectionConfig.length > 0;
