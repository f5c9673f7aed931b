import { AppError, isAppError } from '../../domain/errors.js';
import { describeUpstreamError, exchangeAuthorizationCode } from '../../providers/oauth2/index.js';
import { oauth2Credentials } from '../../domain/connection-credentials.js';
import { markLinkedFromLink, recordConnectionFailure } from './connection-outcome.js';
import { authorizedConnectionInfo } from './authorized-connection-info.js';
import { revocationOf, revokeAfterCommit } from '../connections/revoke-platform-tokens.js';
import type { LinkDeps } from './link-deps.js';
import { oauthAppFor, resolveForConnection } from '../connections/oauth-app-for.js';
import { recordLinkEvent } from './record-link-event.js';
import { hashBrowserSecret, requireLinkSession } from './require-link-session.js';
import type { LinkEmbedding } from '../../domain/link/link-embedding.js';
import type { LinkSession, OAuthState } from '../../domain/link/link-session.js';
import { SEALING } from '../../security/sealing-contexts.js';

export interface AuthorizationOutcome {
  sessionId: string;
  connectionId: string;
  ok: boolean;
  /** An embedded session's: the popup posts its result to `embed.origin`. */
  embed: LinkEmbedding | null;
  /** An embedded full-page round trip: the client's page to go back to. */
  returnUrl: string | null;
}

const INVALID_STATE = 'This sign-in link has already been used or has expired. Please go back to your Link page and try again.';

/**
 * The provider's redirect back to `/link/oauth/callback`. The state must exist, be unexpired,
 * belong to a session of *this* browser (for an embedded session: be bound to this browser's
 * cookie when the popup started it) and never have been used; it is consumed atomically, so
 * a replayed or forged callback changes nothing. Upstream failures become a
 * `dataConnectionErrors` entry and the connection stays as it was.
 */
export async function completeAuthorization(deps: LinkDeps, callback: URLSearchParams, browserSecret: string | undefined): Promise<AuthorizationOutcome> {
  const stateId = callback.get('state') ?? '';
  const state = stateId.length >= 20 && stateId.length <= 100 ? await deps.store.oauthStates.find(stateId) : undefined;
  if (!state) throw new AppError('FORBIDDEN', INVALID_STATE);
  const now = deps.clock.now();
  const session = await sessionOfThisBrowser(deps, state, browserSecret, now);
  const consumed = await deps.store.oauthStates.consume(stateId, session.id, now.toISOString());
  if (!consumed) throw new AppError('FORBIDDEN', INVALID_STATE);

  const connection = await deps.store.connections.findById(consumed.clientId, consumed.companyId, consumed.connectionId);
  const provider = connection && deps.providers.get(connection.integrationKey);
  if (!connection || !provider) throw new AppError('NOT_FOUND', 'This connection no longer exists. Please start again from your Link page.');
  const answer = (ok: boolean): AuthorizationOutcome => ({ sessionId: session.id, connectionId: connection.id, ok, embed: session.embed, returnUrl: consumed.returnUrl });
  const events = { connectionId: connection.id, platformKey: provider.key, sourceType: provider.sourceType };

  const { app, scopes } = await oauthAppFor(deps, session.clientId, provider);
  const oauth = resolveForConnection(provider, connection, deps.publicUrl, scopes);
  const codeVerifier = consumed.codeVerifierSealed ? deps.secrets.open(consumed.codeVerifierSealed, SEALING.oauthStateVerifier(consumed.id)) : null;
  const result = await exchangeAuthorizationCode(oauth, app, { redirectUri: deps.urls.oauthCallback(), codeVerifier, callbackParams: callback, now, fetch: deps.outboundFetch });

  if (!result.ok) {
    const failure = describeUpstreamError(result.error);
    await recordConnectionFailure(deps, connection, failure);
    await recordLinkEvent(deps, session, 'failed', { ...events, detail: { kind: result.error.kind, statusCode: failure.statusCode } });
    return answer(false);
  }
  // A connection that does not become Linked keeps its previous state and credentials; the tokens
  // just issued are given back to the platform.
  const refuse = async (failure: { statusCode: string; statusText: string; errorMessage: string }, detail: Record<string, unknown>) => {
    await recordConnectionFailure(deps, connection, failure);
    await recordLinkEvent(deps, session, 'failed', { ...events, detail });
    await revokeAfterCommit(deps, [revocationOf(provider, connection, deps.publicUrl, oauth, app, result.tokens)]);
    return answer(false);
  };
  const info = await authorizedConnectionInfo(deps.outboundFetch, provider, connection, result.tokens, result.metadata);
  if (!info.ok) return refuse(info.failure, { kind: info.kind, statusCode: info.failure.statusCode });
  try {
    await markLinkedFromLink(deps, connection, oauth2Credentials(result.tokens), info.connectionInfo);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return refuse({ statusCode: String(error.status), statusText: error.code, errorMessage: error.message }, { kind: 'conflict' });
  }
  await recordLinkEvent(deps, session, 'connected', events);
  return answer(true);
}

/**
 * A Hosted Link state names a session of this browser's cookie. An embedded session is bound to
 * its access token, which the popup never has: its state was bound to the popup's own cookie
 * when the popup started it, and that cookie must come back.
 */
async function sessionOfThisBrowser(deps: LinkDeps, state: OAuthState, browserSecret: string | undefined, now: Date): Promise<LinkSession> {
  if (state.browserHash === null) return requireLinkSession(deps.store, state.sessionId, browserSecret, now);
  const session = browserSecret && hashBrowserSecret(browserSecret) === state.browserHash ? await deps.store.linkSessions.find(state.sessionId) : undefined;
  if (!session || session.expiresAt <= now.toISOString()) throw new AppError('FORBIDDEN', INVALID_STATE);
  return session;
}
