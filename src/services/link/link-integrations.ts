import { CATEGORY_SOURCE_TYPE, type LinkCategoryKey, type LinkSettings } from '../../domain/link/link-settings.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Store } from '../../storage/ports.js';
import { toIntegrationView } from '../integrations/integration-view.js';

/**
 * The platforms an SMB may pick in one category during this visit: enabled for the client,
 * allowed by the category's list, and sandbox platforms only when sandbox integrations are shown
 * (client setting, overridable per visit with `link.showSandboxIntegrations=true|false`).
 */
export async function linkIntegrations(
  deps: { store: Store; providers: ProviderRegistry },
  session: LinkSession,
  settings: LinkSettings,
): Promise<Record<LinkCategoryKey, ProviderDefinition[]>> {
  const stored = new Map((await deps.store.integrationSettings.list(session.clientId)).map((s) => [s.platformKey, s]));
  const override = session.params['link.showSandboxIntegrations'];
  const showSandbox = override === 'true' ? true : override === 'false' ? false : settings.showSandboxIntegrations;
  const result = { accounting: [], banking: [], commerce: [] } as Record<LinkCategoryKey, ProviderDefinition[]>;
  for (const key of Object.keys(result) as LinkCategoryKey[]) {
    const category = settings.categories[key];
    if (!category.enabled) continue;
    result[key] = deps.providers
      .all()
      .filter((provider) => provider.sourceType === CATEGORY_SOURCE_TYPE[key])
      .filter((provider) => toIntegrationView(provider, stored.get(provider.key)).enabled)
      .filter((provider) => showSandbox || !provider.isSandbox)
      .filter((provider) => category.allowedIntegrations === null || category.allowedIntegrations.includes(provider.key))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return result;
}

export function categoryOf(sourceType: string): LinkCategoryKey | undefined {
  return (Object.keys(CATEGORY_SOURCE_TYPE) as LinkCategoryKey[]).find((key) => CATEGORY_SOURCE_TYPE[key] === sourceType);
}
