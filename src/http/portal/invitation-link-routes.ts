import type { Hono } from 'hono';
import { acceptStaffInvitation } from '../../services/portal-auth/accept-staff-invitation.js';
import { findStaffInvitation } from '../../services/portal-auth/find-staff-invitation.js';
import { acceptInvitationBody, type PortalInvitationPreview } from '../../wire/portal/users.js';
import { checkCsrf } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import { readPreSessionCsrf, setSessionCookie } from './portal-cookies.js';
import type { PortalEnv } from './portal-env.js';
import { sessionView } from './session-routes.js';

/**
 * The invitation link's API, for someone with no session yet (registered before
 * `requireStaff`): what the link is for, and accepting it with a chosen password, which signs
 * them in. The token in the path is the credential; accepting carries the pre-session CSRF
 * token like sign-in, so a hostile page cannot sign a browser in to an account it created.
 */
export function registerInvitationLinkRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.get('/portal/api/invitation-links/:token', async (c) => {
    const { invitation, client } = await findStaffInvitation(deps, c.req.param('token'));
    return c.json({ client: { name: client.name }, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt } satisfies PortalInvitationPreview);
  });
  api.post('/portal/api/invitation-links/:token', async (c) => {
    checkCsrf(c, readPreSessionCsrf(c) ?? '\0', portal.publicOrigin);
    const { password } = await readPortalBody(c, acceptInvitationBody);
    const opened = await acceptStaffInvitation(deps, c.req.param('token'), password);
    setSessionCookie(c, opened.token, portal.secureCookies);
    return c.json(await sessionView(deps, opened.actor, opened.session), 201);
  });
}
