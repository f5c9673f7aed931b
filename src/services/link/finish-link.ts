import { AppError } from '../../domain/errors.js';
import { redirectPlaceholders, resolveRedirectUrl } from '../../domain/link/redirect.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { publicPaths } from '../../domain/public-urls.js';
import type { ServiceDeps } from '../deps.js';
import { getLinkState } from './get-link-state.js';
import { recordLinkEvent } from './record-link-event.js';

/**
 * The end of a visit: Complete (statusCode 200, allowed once every required category is
 * connected) or Exit (403, "User cancelled."). Returns where the browser goes: the client's
 * redirect with placeholders filled, or Doorway's own end page for this visit.
 * The connection placeholders describe the connection this visit touched last.
 */
export async function finishLink(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'providers'>,
  session: LinkSession,
  outcome: 'completed' | 'exited',
): Promise<string> {
  const state = await getLinkState(deps, session);
  if (outcome === 'completed' && !state.canComplete) {
    throw new AppError('CONFLICT', 'Please connect every required category before finishing.');
  }
  const events = await deps.store.linkEvents.listForSession(session.id);
  const lastConnectionId = events.filter((e) => e.connectionId).at(-1)?.connectionId;
  const connection = state.categories.flatMap((c) => c.connections).find((c) => c.id === lastConnectionId);
  const provider = connection ? deps.providers.get(connection.integrationKey) : undefined;
  const statusCode = outcome === 'completed' ? '200' : '403';
  await recordLinkEvent(deps, session, outcome, { connectionId: connection?.id ?? null });

  const { client } = state;
  if (!client.redirectUrl) return publicPaths.sessionDone(session.id);
  const resolved = resolveRedirectUrl(
    client.redirectUrl,
    redirectPlaceholders({
      clientId: client.id,
      companyId: state.company.id,
      connection: connection ? { id: connection.id, platformKey: connection.integrationKey, sourceType: connection.sourceType } : undefined,
      platform: provider,
      statusCode,
    }),
    session.params,
    client.whiteListUrls,
  );
  if (!resolved.ok) throw new AppError('FORBIDDEN', `We could not send you back to ${client.name}: ${resolved.reason} You may close this window.`);
  return resolved.url;
}
