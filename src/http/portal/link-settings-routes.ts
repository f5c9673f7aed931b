import type { Hono } from 'hono';
import { DEFAULT_LINK_TEXT } from '../../domain/link/default-text.js';
import { toIntegrationView } from '../../services/integrations/integration-view.js';
import { getLinkSettings } from '../../services/link/get-link-settings.js';
import { testRedirect } from '../../services/link/test-redirect.js';
import { updateLinkSettings } from '../../services/link/update-link-settings.js';
import { getProfile } from '../../services/profile/get-profile.js';
import { updateProfile } from '../../services/profile/update-profile.js';
import { LinkSettingsInput } from '../../wire/codat/link-settings.js';
import {
  redirectSettingsBody,
  redirectTestBody,
  type PortalLinkSettingsView,
  type PortalRedirectSettingsView,
  type PortalRedirectTestView,
} from '../../wire/portal/settings.js';
import { toLinkPreviewIntegration } from '../link/link-view-models.js';
import { requireRole } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/**
 * The Link settings and Redirects pages: the same use-cases as the public API's
 * `GET/PUT /settings/link` and `GET/PUT /profile`, plus the redirect tester. Reads for every
 * role, the tester too (it only computes); changes need a developer.
 */
export function registerLinkSettingsRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  const wire = { publicUrl: deps.publicUrl, urls: deps.urls, providers: deps.providers };

  api.get('/portal/api/settings/link', async (c) => {
    const actor = c.get('actor');
    const [settings, client, stored] = await Promise.all([
      getLinkSettings(deps, actor.clientId),
      getProfile(deps, actor),
      deps.store.integrationSettings.list(actor.clientId),
    ]);
    const byKey = new Map(stored.map((s) => [s.platformKey, s]));
    const view: PortalLinkSettingsView = {
      settings,
      defaultText: DEFAULT_LINK_TEXT,
      platforms: deps.providers.all().map((provider) => toLinkPreviewIntegration(wire, toIntegrationView(provider, byKey.get(provider.key)))),
      client: { name: client.name, slug: client.slug, logoUrl: client.logoUrl, iconUrl: client.iconUrl, redirectConfigured: client.redirectUrl !== '' },
    };
    return c.json(view);
  });

  api.put('/portal/api/settings/link', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, LinkSettingsInput);
    return c.json(await updateLinkSettings(deps, c.get('actor'), body as never));
  });

  const redirectView = async (actor: { clientId: string }): Promise<PortalRedirectSettingsView> => {
    const client = await getProfile(deps, actor);
    const platforms = deps.providers.all().map((p) => ({ key: p.key, name: p.name, sourceType: p.sourceType }));
    return { redirectUrl: client.redirectUrl, whiteListUrls: client.whiteListUrls, platforms };
  };

  api.get('/portal/api/settings/redirects', async (c) => c.json(await redirectView(c.get('actor'))));

  // The profile's other fields (name, logo, icon) stay as they are: this page sets only the redirect.
  api.put('/portal/api/settings/redirects', async (c) => {
    requireRole(c, 'developer');
    const actor = c.get('actor');
    const body = await readPortalBody(c, redirectSettingsBody);
    const client = await getProfile(deps, actor);
    await updateProfile(deps, actor, {
      name: client.name,
      logoUrl: client.logoUrl ?? undefined,
      iconUrl: client.iconUrl ?? undefined,
      redirectUrl: body.redirectUrl.trim(),
      whiteListUrls: body.whiteListUrls.map((url) => url.trim()).filter((url) => url !== ''),
    });
    return c.json(await redirectView(actor));
  });

  api.post('/portal/api/settings/redirects/test', async (c) => {
    const body = await readPortalBody(c, redirectTestBody);
    const view: PortalRedirectTestView = await testRedirect(deps, c.get('actor'), body);
    return c.json(view);
  });
}
