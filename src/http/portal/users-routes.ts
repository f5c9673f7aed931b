import type { Hono } from 'hono';
import { changeStaffRole } from '../../services/portal-auth/change-staff-role.js';
import { inviteStaffUser, MAX_PENDING_INVITATIONS_PER_CLIENT } from '../../services/portal-auth/invite-staff-user.js';
import { listStaffInvitations } from '../../services/portal-auth/list-staff-invitations.js';
import { listStaffUsers, STAFF_PAGE_SIZE_MAX } from '../../services/portal-auth/list-staff-users.js';
import { removeStaffUser } from '../../services/portal-auth/remove-staff-user.js';
import { revokeStaffInvitation } from '../../services/portal-auth/revoke-staff-invitation.js';
import {
  changeStaffRoleBody,
  inviteStaffBody,
  toInvitationView,
  toStaffUserView,
  type PortalCreatedInvitation,
  type PortalInvitationList,
  type PortalStaffUserPage,
} from '../../wire/portal/users.js';
import { allowRole } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

const positiveInt = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/**
 * The Users page's API, admins only (reading who has access is part of managing it): users
 * with their roles, role changes and removal, and invitations (create, list pending, revoke).
 */
export function registerUsersRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  for (const path of ['/portal/api/users', '/portal/api/users/*', '/portal/api/invitations', '/portal/api/invitations/*']) api.use(path, allowRole('admin'));

  api.get('/portal/api/users', async (c) => {
    const pageNumber = positiveInt(c.req.query('page'), 1);
    const pageSize = Math.min(positiveInt(c.req.query('pageSize'), STAFF_PAGE_SIZE_MAX), STAFF_PAGE_SIZE_MAX);
    const { users, total } = await listStaffUsers(deps, c.get('staff'), { pageNumber, pageSize });
    return c.json({ results: users.map(toStaffUserView), pageNumber, pageSize, totalResults: total } satisfies PortalStaffUserPage);
  });
  api.patch('/portal/api/users/:userId', async (c) => {
    const { role } = await readPortalBody(c, changeStaffRoleBody);
    return c.json(toStaffUserView(await changeStaffRole(deps, c.get('staff'), c.req.param('userId'), role)));
  });
  api.delete('/portal/api/users/:userId', async (c) => {
    await removeStaffUser(deps, c.get('staff'), c.req.param('userId'));
    return c.body(null, 204);
  });

  api.get('/portal/api/invitations', async (c) => {
    const invitations = await listStaffInvitations(deps, c.get('staff'));
    return c.json({ results: invitations.map(toInvitationView), limit: MAX_PENDING_INVITATIONS_PER_CLIENT } satisfies PortalInvitationList);
  });
  api.post('/portal/api/invitations', async (c) => {
    const body = await readPortalBody(c, inviteStaffBody);
    const { invitation, token } = await inviteStaffUser(deps, c.get('staff'), body);
    return c.json({ invitation: toInvitationView(invitation), url: deps.urls.portalInvitation(token) } satisfies PortalCreatedInvitation, 201);
  });
  api.delete('/portal/api/invitations/:invitationId', async (c) => {
    await revokeStaffInvitation(deps, c.get('staff'), c.req.param('invitationId'));
    return c.body(null, 204);
  });
}
