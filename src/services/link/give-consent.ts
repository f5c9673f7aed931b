import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ServiceDeps } from '../deps.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireLinkConnection } from './require-link-connection.js';

export type AuthorizationNext = { kind: 'redirect'; url: string } | { kind: 'credentials' };

/**
 * The SMB accepted the consent screen (or asked to reconnect): tells the page where
 * authorization happens next, an OAuth redirect through Doorway or the credentials form.
 */
export async function giveConsent(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'providers'>,
  session: LinkSession,
  connectionId: string,
): Promise<AuthorizationNext> {
  const connection = await requireLinkConnection(deps.store, session, connectionId);
  if (connection.status === 'Linked') throw new AppError('CONFLICT', 'This connection is already connected.');
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider) throw new AppError('BAD_REQUEST', 'This platform is no longer available.');
  await recordLinkEvent(deps, session, 'consent_given', { connectionId, platformKey: provider.key, sourceType: provider.sourceType });
  return provider.auth.type === 'credentials' ? { kind: 'credentials' } : { kind: 'redirect', url: `/link/s/${session.id}/connections/${connectionId}/authorize` };
}
