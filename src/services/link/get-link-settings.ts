import { withLinkDefaults, type LinkSettings } from '../../domain/link/link-settings.js';
import type { Store } from '../../storage/ports.js';

export async function getLinkSettings(deps: { store: Store }, clientId: string): Promise<LinkSettings> {
  return withLinkDefaults(await deps.store.linkSettings.find(clientId));
}
