import type { Hono } from 'hono';
import { getAuthFunnel } from '../../services/link/get-auth-funnel.js';
import type { AuthFunnelView } from '../../wire/portal/funnel.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/** The Auth funnel page's data; every role may read it. `from`/`to` are validated by the use-case (400s). */
export function registerFunnelRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  api.get('/portal/api/funnel', async (c) => {
    const funnel = await getAuthFunnel(portal.deps, c.get('actor'), { from: c.req.query('from'), to: c.req.query('to') });
    const platforms = funnel.platforms.map((row) => ({ ...row, platformName: portal.deps.providers.get(row.platformKey)?.name ?? row.platformKey }));
    return c.json({ ...funnel, platforms } satisfies AuthFunnelView);
  });
}
