import { AppError } from '../../domain/errors.js';
import {
  CATEGORY_SOURCE_TYPE,
  isOfferedInVisit,
  linkVisitOptions,
  offeredIntegrations,
  type LinkCategoryKey,
  type LinkSettings,
} from '../../domain/link/link-settings.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Store } from '../../storage/ports.js';
import { toIntegrationView } from '../integrations/integration-view.js';
import { getVisitSettings } from './get-visit-settings.js';

/**
 * The platforms an SMB may pick in one category during this visit: enabled for the client,
 * allowed by the category's list, and sandbox platforms only when the client's settings show
 * them and the Link URL did not hide them (`link.*` parameters only narrow: linkVisitOptions).
 */
export async function linkIntegrations(
  deps: { store: Store; providers: ProviderRegistry },
  session: LinkSession,
  settings: LinkSettings,
): Promise<Record<LinkCategoryKey, ProviderDefinition[]>> {
  const stored = new Map((await deps.store.integrationSettings.list(session.clientId)).map((s) => [s.platformKey, s]));
  const options = linkVisitOptions(settings, session.params);
  const enabled = deps.providers.all().filter((provider) => toIntegrationView(provider, stored.get(provider.key)).enabled);
  const result = { accounting: [], banking: [], commerce: [] } as Record<LinkCategoryKey, ProviderDefinition[]>;
  for (const key of Object.keys(result) as LinkCategoryKey[]) result[key] = offeredIntegrations(settings, options, key, enabled);
  return result;
}

export const PLATFORM_NOT_AVAILABLE = 'This platform is not available here. Please choose another one.';

/**
 * The steps after choosing (consent, the connection form, starting and finishing authorization)
 * refuse a platform this visit may not offer, so a connection made before the client hid
 * Sandbox platforms (or made through the API) cannot bring sample books back through Link.
 */
export async function requireOfferedInVisit(deps: { store: Store }, session: LinkSession, provider: ProviderDefinition): Promise<void> {
  if (!provider.isSandbox) return;
  const options = linkVisitOptions(await getVisitSettings(deps, session), session.params);
  if (!isOfferedInVisit(options, provider)) throw new AppError('BAD_REQUEST', PLATFORM_NOT_AVAILABLE);
}

export function categoryOf(sourceType: string): LinkCategoryKey | undefined {
  return (Object.keys(CATEGORY_SOURCE_TYPE) as LinkCategoryKey[]).find((key) => CATEGORY_SOURCE_TYPE[key] === sourceType);
}
