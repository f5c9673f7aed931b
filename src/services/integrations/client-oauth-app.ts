import type { Connection } from '../../domain/connection.js';
import type { OAuthAppCredentials } from '../../providers/oauth2/index.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import { SEALING } from '../../security/sealing-contexts.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Store } from '../../storage/ports.js';

/** The client's own OAuth app for a platform and its scopes, from its integration settings; undefined when it is not set up (or disabled). */
export async function clientOAuthApp(
  store: Store,
  secrets: SecretBox,
  clientId: string,
  provider: ProviderDefinition,
): Promise<{ app: OAuthAppCredentials; scopes: string[] | null } | undefined> {
  const settings = await store.integrationSettings.find(clientId, provider.key);
  if (!settings?.enabled || !settings.oauthClientId || !settings.oauthClientSecretSealed) return undefined;
  const clientSecret = secrets.open(settings.oauthClientSecretSealed, SEALING.integrationClientSecret(clientId, provider.key));
  return { app: { clientId: settings.oauthClientId, clientSecret }, scopes: settings.scopes };
}

/** The values an OAuth platform's URLs need (`${connectionConfig.x}`), as the SMB entered them. */
export function connectionConfigOf(connection: Connection): Record<string, string> {
  return Object.fromEntries(Object.entries(connection.connectionInfo ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
