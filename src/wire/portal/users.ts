import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../../domain/portal/staff.js';

/**
 * The Portal JSON API's staff contract: users and invitations (`/portal/api/users`,
 * `/portal/api/invitations`, admins only), accepting an invitation
 * (`/portal/api/invitation-links/:token`, no session yet) and changing one's own password
 * (`/portal/api/account/password`, every role). Request bodies are zod schemas the server
 * validates; responses are types the browser imports (`import type` only).
 */
const role = z.enum(STAFF_ROLES, { message: 'Choose viewer, developer or admin.' });
const password = z.string().max(1000, 'That password is too long.');

export const inviteStaffBody = z.object({
  email: z.string().max(254, 'That email is too long.'),
  role,
});
export type InviteStaffBody = z.infer<typeof inviteStaffBody>;

export const changeStaffRoleBody = z.object({ role });
export type ChangeStaffRoleBody = z.infer<typeof changeStaffRoleBody>;

export const acceptInvitationBody = z.object({ password });
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBody>;

export const changeOwnPasswordBody = z.object({ currentPassword: password, newPassword: password });
export type ChangeOwnPasswordBody = z.infer<typeof changeOwnPasswordBody>;

export interface PortalStaffUserView {
  id: string;
  email: string;
  role: StaffRole;
  created: string;
}

/** One page of the client's users, by email. */
export interface PortalStaffUserPage {
  results: PortalStaffUserView[];
  pageNumber: number;
  pageSize: number;
  totalResults: number;
}

/** A pending invitation as the Users page lists it: never its token. */
export interface PortalInvitationView {
  id: string;
  email: string;
  role: StaffRole;
  created: string;
  expiresAt: string;
}

export interface PortalInvitationList {
  results: PortalInvitationView[];
  /** How many may be pending at once. */
  limit: number;
}

/** The answer to an invitation: the only time its link is shown. */
export interface PortalCreatedInvitation {
  invitation: PortalInvitationView;
  url: string;
}

/** What the invitation page shows its visitor before they choose a password. */
export interface PortalInvitationPreview {
  client: { name: string };
  email: string;
  role: StaffRole;
  expiresAt: string;
}

export const toStaffUserView = (user: { id: string; email: string; role: StaffRole; created: string }): PortalStaffUserView => ({
  id: user.id,
  email: user.email,
  role: user.role,
  created: user.created,
});

export const toInvitationView = (invitation: { id: string; email: string; role: StaffRole; created: string; expiresAt: string }): PortalInvitationView => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  created: invitation.created,
  expiresAt: invitation.expiresAt,
});
