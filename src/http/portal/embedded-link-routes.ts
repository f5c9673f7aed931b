import type { Hono } from 'hono';
import { publicPaths } from '../../domain/public-urls.js';
import { getProfile } from '../../services/profile/get-profile.js';
import { setCorsSettings } from '../../services/profile/set-cors-settings.js';
import { embeddedLinkBody, type PortalEmbeddedLinkView } from '../../wire/portal/embedded-link.js';
import { requireRole } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/**
 * The Embedded Link page: the same use-case as the public API's `POST /corsSettings`, and the
 * module URLs a developer pastes into the client's page. Reads for every role; changes need a
 * developer (an allowed origin is what lets a page use company access tokens).
 */
export function registerEmbeddedLinkRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  const view = (allowedOrigins: string[]): PortalEmbeddedLinkView => ({
    allowedOrigins,
    linkSdkUrl: publicPaths.linkSdk(deps.urls.base),
    connectionsSdkUrl: publicPaths.connectionsSdk(deps.urls.base),
  });

  api.get('/portal/api/settings/embedded-link', async (c) => c.json(view((await getProfile(deps, c.get('actor'))).corsAllowedOrigins)));

  api.put('/portal/api/settings/embedded-link', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, embeddedLinkBody);
    const origins = body.allowedOrigins.map((origin) => origin.trim()).filter((origin) => origin !== '');
    return c.json(view(await setCorsSettings(deps, c.get('actor'), origins)));
  });
}
