import type { Hono } from 'hono';
import { changeOwnPassword } from '../../services/portal-auth/change-own-password.js';
import { changeOwnPasswordBody } from '../../wire/portal/users.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import { setSessionCookie } from './portal-cookies.js';
import type { PortalEnv } from './portal-env.js';
import { sessionView } from './session-routes.js';

/** The signed-in user's own account, whatever their role: changing their password. */
export function registerAccountRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.put('/portal/api/account/password', async (c) => {
    const body = await readPortalBody(c, changeOwnPasswordBody);
    // Every session of the user ended; this browser continues in the new one.
    const opened = await changeOwnPassword(deps, c.get('staff'), body);
    setSessionCookie(c, opened.token, portal.secureCookies);
    return c.json(await sessionView(deps, opened.actor, opened.session));
  });
}
