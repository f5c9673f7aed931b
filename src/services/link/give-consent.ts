import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { publicPaths } from '../../domain/public-urls.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { ServiceDeps } from '../deps.js';
import { requireOfferedInVisit } from './link-integrations.js';
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
  await requireOfferedInVisit(deps, session, provider);
  await recordLinkEvent(deps, session, 'consent_given', { connectionId, platformKey: provider.key, sourceType: provider.sourceType });
  // Credentials platforms, and OAuth platforms that need a value first (Shopify's shop, Zoho's
  // data centre), show the form; the rest go straight to the platform.
  return needsForm(provider) ? { kind: 'credentials' } : { kind: 'redirect', url: publicPaths.authorize(session.id, connectionId) };
}

export const needsForm = (provider: ProviderDefinition) => provider.auth.type === 'credentials' || provider.connectionConfig.length > 0;
