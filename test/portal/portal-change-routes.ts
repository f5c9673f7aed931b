import type { StaffRole } from '../../src/domain/portal/staff.js';

/**
 * Every route of the Portal API that changes something, with the least role allowed to call it.
 * portal-access.test.ts checks this list against the routes the running app really has (a route
 * missing here fails it), then that a viewer is refused (403) every developer and admin route
 * and a developer every admin route, by direct request.
 *
 * ADDING A PORTAL ROUTE THAT CHANGES SOMETHING? Add it here with its role. `anyone` is for the
 * few that run before a session exists (sign-in, accepting an invitation).
 */
export interface PortalChangeRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The Hono pattern, as registered. */
  path: string;
  role: StaffRole | 'anyone';
}

export const PORTAL_CHANGE_ROUTES: PortalChangeRoute[] = [
  // Sessions (session-routes.ts)
  { method: 'POST', path: '/portal/api/session', role: 'anyone' },
  { method: 'DELETE', path: '/portal/api/session', role: 'viewer' },
  { method: 'POST', path: '/portal/api/session/sign-out-everywhere', role: 'viewer' },
  // Invitation links and the user's own account (invitation-link-routes.ts, account-routes.ts)
  { method: 'POST', path: '/portal/api/invitation-links/:token', role: 'anyone' },
  { method: 'PUT', path: '/portal/api/account/password', role: 'viewer' },
  // Companies and their connections (companies-routes.ts, company-connections-routes.ts)
  { method: 'POST', path: '/portal/api/companies', role: 'developer' },
  { method: 'PATCH', path: '/portal/api/companies/:companyId', role: 'developer' },
  { method: 'DELETE', path: '/portal/api/companies/:companyId', role: 'developer' },
  { method: 'POST', path: '/portal/api/companies/:companyId/connections/:connectionId/unlink', role: 'developer' },
  { method: 'DELETE', path: '/portal/api/companies/:companyId/connections/:connectionId', role: 'developer' },
  // Link settings, redirects and integrations (link-settings-routes.ts, integrations-routes.ts)
  { method: 'PUT', path: '/portal/api/settings/link', role: 'developer' },
  { method: 'PUT', path: '/portal/api/settings/redirects', role: 'developer' },
  { method: 'PUT', path: '/portal/api/settings/embedded-link', role: 'developer' },
  // A POST that changes nothing: it resolves a sample redirect, so every role may.
  { method: 'POST', path: '/portal/api/settings/redirects/test', role: 'viewer' },
  { method: 'PUT', path: '/portal/api/integrations/:platformKey', role: 'developer' },
  { method: 'POST', path: '/portal/api/integrations/:platformKey/test', role: 'developer' },
  // API keys and webhooks (api-keys-routes.ts, webhooks-routes.ts)
  { method: 'POST', path: '/portal/api/api-keys', role: 'developer' },
  { method: 'DELETE', path: '/portal/api/api-keys/:apiKeyId', role: 'developer' },
  { method: 'POST', path: '/portal/api/webhooks', role: 'developer' },
  { method: 'PATCH', path: '/portal/api/webhooks/:consumerId', role: 'developer' },
  { method: 'DELETE', path: '/portal/api/webhooks/:consumerId', role: 'developer' },
  { method: 'POST', path: '/portal/api/webhooks/:consumerId/secret/reveal', role: 'developer' },
  { method: 'POST', path: '/portal/api/webhooks/:consumerId/secret/rotate', role: 'developer' },
  { method: 'POST', path: '/portal/api/webhooks/:consumerId/messages/:messageId/resend', role: 'developer' },
  { method: 'POST', path: '/portal/api/webhooks/:consumerId/recover', role: 'developer' },
  { method: 'POST', path: '/portal/api/webhooks/:consumerId/test', role: 'developer' },
  // Users and invitations (users-routes.ts)
  { method: 'PATCH', path: '/portal/api/users/:userId', role: 'admin' },
  { method: 'DELETE', path: '/portal/api/users/:userId', role: 'admin' },
  { method: 'POST', path: '/portal/api/invitations', role: 'admin' },
  { method: 'DELETE', path: '/portal/api/invitations/:invitationId', role: 'admin' },
];
