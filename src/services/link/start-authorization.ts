import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { OAUTH_STATE_TTL_MS, type LinkSession } from '../../domain/link/link-session.js';
import { buildAuthorizationUrl, createPkcePair } from '../../providers/oauth2/index.js';
import type { LinkDeps } from './link-deps.js';
import { oauthAppFor, resolveForConnection } from '../connections/oauth-app-for.js';
import { requireOfferedInVisit } from './link-integrations.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireLinkConnection } from './require-link-connection.js';
import { randomToken } from '../../domain/ids.js';
import { SEALING } from '../../security/sealing-contexts.js';

const AUTHORIZABLE = new Set(['PendingAuth', 'Unlinked', 'Deauthorized']);

/**
 * An embedded session's authorization is bound to the browser window that runs it (the popup,
 * or the client's page on a full-page round trip), not to the session's access token, and may
 * return to the client's page.
 */
export interface AuthorizationBinding {
  browserHash: string;
  returnUrl: string | null;
}

/**
 * Starts an OAuth2 authorization for a connection: a single-use state row bound to this browser
 * session (its id is the opaque `state`), a PKCE verifier sealed at rest, and the provider's
 * authorization URL from its definition, the only external place Doorway ever redirects to.
 */
export async function startAuthorization(deps: LinkDeps, session: LinkSession, connectionId: string, binding?: AuthorizationBinding): Promise<string> {
  const connection = await requireLinkConnection(deps.store, session, connectionId);
  if (!AUTHORIZABLE.has(connection.status)) throw new AppError('CONFLICT', 'This connection is already connected.');
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider || provider.auth.type === 'credentials') throw new AppError('BAD_REQUEST', 'This platform does not use a sign-in redirect.');
  await requireOfferedInVisit(deps, session, provider);
  const { app, scopes } = await oauthAppFor(deps, session.clientId, provider);
  const oauth = resolveForConnection(provider, connection, deps.publicUrl, scopes);
  const pkce = oauth.pkce ? createPkcePair() : undefined;
  const now = deps.clock.now();
  const stateId = randomToken(32);
  await deps.store.oauthStates.insert({
    id: stateId,
    clientId: session.clientId,
    companyId: connection.companyId,
    connectionId: connection.id,
    sessionId: session.id,
    codeVerifierSealed: pkce ? deps.secrets.seal(pkce.verifier, SEALING.oauthStateVerifier(stateId)) : null,
    created: toIso(now),
    expiresAt: toIso(new Date(now.getTime() + OAUTH_STATE_TTL_MS)),
    consumedAt: null,
    browserHash: binding?.browserHash ?? null,
    returnUrl: binding?.returnUrl ?? null,
  });
  await recordLinkEvent(deps, session, 'authorization_started', { connectionId, platformKey: provider.key, sourceType: provider.sourceType });
  return buildAuthorizationUrl(oauth, {
    clientId: app.clientId,
    redirectUri: deps.urls.oauthCallback(),
    state: stateId,
    ...(pkce ? { codeChallenge: pkce.challenge } : {}),
  });
}
