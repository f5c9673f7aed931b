import { AppError } from '../../domain/errors.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Connection } from '../../domain/connection.js';
import { resolveOAuth2, type OAuthAppCredentials, type ResolvedOAuth2 } from '../../providers/oauth2/index.js';
import type { ServiceDeps } from '../deps.js';
import { clientOAuthApp, connectionConfigOf } from '../integrations/client-oauth-app.js';

/**
 * Shared by the Link flow (authorize, callback) and token refreshes. The OAuth app Doorway authenticates as for this client and platform: the client's own app
 * from its integration settings, or, for the built-in Sandbox, Doorway's sandbox app.
 */
export async function oauthAppFor(
  deps: Pick<ServiceDeps, 'store' | 'secrets'> & { sandboxOAuthApp: OAuthAppCredentials },
  clientId: string,
  provider: ProviderDefinition,
): Promise<{ app: OAuthAppCredentials; scopes: string[] | null }> {
  if (provider.auth.type === 'sandbox') return { app: deps.sandboxOAuthApp, scopes: null };
  const own = await clientOAuthApp(deps.store, deps.secrets, clientId, provider);
  if (!own) throw new AppError('BAD_REQUEST', `${provider.name} is not set up for this business yet. Please choose another platform or contact them.`);
  return own;
}

/** Resolves a platform's OAuth endpoints; a value the SMB has not entered yet is their mistake, not a 500. */
export function resolveForConnection(
  provider: ProviderDefinition,
  connection: Connection,
  publicUrl: string,
  scopes: string[] | null,
): ResolvedOAuth2 {
  try {
    return resolveOAuth2(provider, { publicUrl, scopesOverride: scopes, connectionConfig: connectionConfigOf(connection) });
  } catch {
    throw new AppError('BAD_REQUEST', `Please go back and fill in the details ${provider.name} needs before connecting.`);
  }
}
