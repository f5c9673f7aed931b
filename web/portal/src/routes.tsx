import type { JSX } from 'preact';
import type { PortalBootstrap, PortalSessionView, StaffRole } from '../../../src/wire/portal/session';
import type { PortalApi } from './api';
import { AcceptInvitation } from './pages/AcceptInvitation';
import { Account } from './pages/Account';
import { ApiKeys } from './pages/ApiKeys';
import { Companies } from './pages/Companies';
import { EmbeddedLinkPage } from './pages/EmbeddedLink';
import { Company } from './pages/Company';
import { IntegrationsPage } from './pages/Integrations';
import { InviteCompany } from './pages/InviteCompany';
import { LinkSettingsPage } from './pages/LinkSettings';
import { AuthFunnel } from './pages/AuthFunnel';
import { RedirectsPage } from './pages/Redirects';
import { Users } from './pages/Users';
import { WebhookConsumer } from './pages/WebhookConsumer';
import { Webhooks } from './pages/Webhooks';

/**
 * Every page of the Portal: its path (after /portal), title, place in the navigation, and the
 * least role that may open it. Pages read what they need from `usePortal()`; a page that lets
 * users change things checks `can('developer')` (or 'admin') to offer the controls; the API
 * refuses the change anyway.
 */
export interface PortalRoute {
  pattern: string;
  title: string;
  nav?: { label: string; group: NavGroup };
  minRole?: StaffRole;
  page: () => JSX.Element;
}

export type NavGroup = 'Onboarding' | 'Link' | 'Developers' | 'Team';
export const NAV_GROUPS: NavGroup[] = ['Onboarding', 'Link', 'Developers', 'Team'];

export const ROUTES: PortalRoute[] = [
  { pattern: '/companies', title: 'Companies', nav: { label: 'Companies', group: 'Onboarding' }, page: Companies },
  { pattern: '/companies/:companyId', title: 'Company', page: Company },
  { pattern: '/invite', title: 'Invite company', nav: { label: 'Invite company', group: 'Onboarding' }, page: InviteCompany },
  { pattern: '/funnel', title: 'Auth funnel', nav: { label: 'Auth funnel', group: 'Onboarding' }, page: AuthFunnel },
  { pattern: '/settings/link', title: 'Link settings', nav: { label: 'Link settings', group: 'Link' }, page: () => <LinkSettingsPage /> },
  { pattern: '/settings/redirects', title: 'Redirects', nav: { label: 'Redirects', group: 'Link' }, page: () => <RedirectsPage /> },
  { pattern: '/integrations', title: 'Integrations', nav: { label: 'Integrations', group: 'Link' }, page: () => <IntegrationsPage /> },
  { pattern: '/api-keys', title: 'API keys', nav: { label: 'API keys', group: 'Developers' }, page: ApiKeys },
  { pattern: '/webhooks', title: 'Webhooks', nav: { label: 'Webhooks', group: 'Developers' }, page: Webhooks },
  { pattern: '/settings/embedded-link', title: 'Embedded Link', nav: { label: 'Embedded Link', group: 'Developers' }, page: () => <EmbeddedLinkPage /> },
  { pattern: '/webhooks/:consumerId', title: 'Webhook consumer', page: WebhookConsumer },
  { pattern: '/users', title: 'Users', nav: { label: 'Users', group: 'Team' }, minRole: 'admin', page: Users },
  { pattern: '/account', title: 'Your account', page: Account },
];

/** Pages that need no session (an invited user has none yet). */
export interface PublicRoute {
  pattern: string;
  /** `onSignedIn` takes the session the page's own sign-in (accepting an invitation) opened. */
  page: (props: { api: PortalApi; params: Record<string, string>; bootstrap: PortalBootstrap; onSignedIn: (session: PortalSessionView) => void }) => JSX.Element;
}

export const PUBLIC_ROUTES: PublicRoute[] = [{ pattern: '/invitations/:token', page: (props) => <AcceptInvitation {...props} /> }];

/** Where `/portal` itself goes once signed in. */
export const HOME = '/companies';
