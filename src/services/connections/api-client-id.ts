import type { ProviderDefinition } from '../../providers/schema.js';
import type { ServiceDeps } from '../deps.js';

/**
 * The OAuth app client id a platform's API wants on every call (`api.clientIdHeader`, MYOB's
 * `x-myobapi-key`): the one the connection's tokens were issued to, i.e. the client's own app from
 * its integration settings (Doorway's Sandbox app for the built-in Sandbox). Undefined when the
 * platform declares no such header (no read then) or no app is set up. Only the id is read; the
 * secret stays sealed.
 */
export async function apiClientIdFor(
  deps: Pick<ServiceDeps, 'store' | 'sandboxOAuthApp'>,
  clientId: string,
  provider: Pick<ProviderDefinition, 'key' | 'auth' | 'api'>,
): Promise<string | undefined> {
  if (provider.api?.clientIdHeader === undefined) return undefined;
  if (provider.auth.type === 'sandbox') return deps.sandboxOAuthApp.clientId;
  const settings = await deps.store.integrationSettings.find(clientId, provider.key);
  return settings?.enabled && settings.oauthClientId ? settings.oauthClientId : undefined;
}
