import type { Hono } from 'hono';
import type { StaffActor, StaffSession } from '../../domain/portal/staff.js';
import { requireClient } from '../../services/clients/require-client.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import { signInStaff } from '../../services/portal-auth/sign-in-staff.js';
import { signOutStaff, signOutStaffEverywhere } from '../../services/portal-auth/sign-out-staff.js';
import { signInBody, type PortalSessionView } from '../../wire/portal/session.js';
import { readPortalBody } from './portal-body.js';
import { checkCsrf } from './portal-auth.js';
import { clearSessionCookie, readPreSessionCsrf, readSessionCookie, setSessionCookie } from './portal-cookies.js';
import type { PortalEnv } from './portal-env.js';
import type { PortalContext } from './portal-context.js';

export async function sessionView(deps: LinkDeps, actor: StaffActor, session: StaffSession): Promise<PortalSessionView> {
  const client = await requireClient(deps.store, actor.clientId);
  return {
    user: { id: actor.userId, email: actor.email, role: actor.role },
    client: { id: client.id, name: client.name, slug: client.slug },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    urls: { publicUrl: deps.urls.base, invite: deps.urls.invite(client.slug), oauthCallback: deps.urls.oauthCallback() },
  };
}

/** Sign-in needs no session; it is registered before `requireStaff`. */
export function registerSignInRoute(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.post('/portal/api/session', async (c) => {
    // Login CSRF: without it a hostile page could sign the browser in to the attacker's account.
    checkCsrf(c, readPreSessionCsrf(c) ?? '\0', portal.publicOrigin);
    const body = await readPortalBody(c, signInBody);
    const opened = await signInStaff(deps, { ...body, address: portal.clientAddress(c) }, portal.decoyHash());
    setSessionCookie(c, opened.token, portal.secureCookies);
    return c.json(await sessionView(deps, opened.actor, opened.session), 201);
  });
}

/** Behind `requireStaff`: who am I, sign out here, sign out everywhere. */
export function registerSessionRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.get('/portal/api/session', async (c) => c.json(await sessionView(deps, c.get('staff'), c.get('staffSession'))));
  api.delete('/portal/api/session', async (c) => {
    const token = readSessionCookie(c);
    if (token) await signOutStaff(deps, token);
    clearSessionCookie(c, portal.secureCookies);
    return c.body(null, 204);
  });
  api.post('/portal/api/session/sign-out-everywhere', async (c) => {
    const ended = await signOutStaffEverywhere(deps, c.get('staff'));
    clearSessionCookie(c, portal.secureCookies);
    return c.json({ ended });
  });
}
