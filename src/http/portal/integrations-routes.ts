import type { Hono } from 'hono';
import type { IntegrationView } from '../../services/integrations/integration-view.js';
import { listIntegrations } from '../../services/integrations/list-integrations.js';
import { testIntegrationCredentials } from '../../services/integrations/test-integration-credentials.js';
import { updateIntegrationSettings } from '../../services/integrations/update-integration-settings.js';
import { IntegrationSettingsBody } from '../../wire/codat/integrations.js';
import { integrationTestBody, type PortalIntegrationTestView, type PortalIntegrationView } from '../../wire/portal/settings.js';
import { requireRole } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/** The catalogue is a few dozen definitions; more than that would be an operator's own file. */
const CATALOGUE_PAGE = 5000;

/**
 * The Integrations page: each platform's switch and, for OAuth platforms, the client's own app
 * (the secret write-only), through the public API's use-cases; plus the app's "test".
 */
export function registerIntegrationsRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  const toView = (view: IntegrationView): PortalIntegrationView => {
    const { provider, settings } = view;
    return {
      key: provider.key,
      name: provider.name,
      logoUrl: deps.urls.absolute(provider.logoUrl),
      sourceType: provider.sourceType,
      authType: provider.auth.type,
      isSandbox: provider.isSandbox,
      enabled: view.enabled,
      oauth:
        provider.auth.type === 'oauth2'
          ? { clientId: settings?.oauthClientId ?? null, hasClientSecret: Boolean(settings?.oauthClientSecretSealed), callbackUrl: deps.urls.oauthCallback() }
          : null,
    };
  };

  api.get('/portal/api/integrations', async (c) => {
    const page = await listIntegrations(deps, c.get('actor'), { page: 1, pageSize: CATALOGUE_PAGE, query: undefined, orderBy: undefined });
    return c.json({ integrations: page.items.map(toView) });
  });

  api.put('/portal/api/integrations/:platformKey', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, IntegrationSettingsBody);
    return c.json(toView(await updateIntegrationSettings(deps, c.get('actor'), c.req.param('platformKey'), body)));
  });

  api.post('/portal/api/integrations/:platformKey/test', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, integrationTestBody);
    const result: PortalIntegrationTestView = await testIntegrationCredentials(deps, c.get('actor'), c.req.param('platformKey'), body);
    return c.json(result);
  });
}
