import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { LINK_CATEGORY_KEYS, withLinkDefaults, type LinkSettings } from '../../domain/link/link-settings.js';
import { optionalWebUrl } from '../../domain/web-url.js';
import type { Actor, ServiceDeps } from '../deps.js';

/** PUT /settings/link: replaces the client's Link settings (missing fields take defaults). */
export async function updateLinkSettings(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'providers'>,
  actor: Actor,
  input: Partial<LinkSettings>,
): Promise<LinkSettings> {
  const settings = withLinkDefaults(input);
  if (!LINK_CATEGORY_KEYS.some((key) => settings.categories[key].enabled)) {
    throw new AppError('BAD_REQUEST', 'At least one category (accounting, banking or commerce) must be enabled.');
  }
  for (const key of LINK_CATEGORY_KEYS) {
    const unknown = settings.categories[key].allowedIntegrations?.find((platformKey) => !deps.providers.get(platformKey));
    if (unknown !== undefined) throw new AppError('BAD_REQUEST', `categories.${key}.allowedIntegrations: unknown platform key '${unknown}'.`);
  }
  settings.branding.logoUrl = optionalWebUrl('branding.logoUrl', settings.branding.logoUrl);
  settings.branding.iconUrl = optionalWebUrl('branding.iconUrl', settings.branding.iconUrl);
  await deps.store.linkSettings.save(actor.clientId, settings, toIso(deps.clock.now()));
  return settings;
}
