/**
 * The Portal's access guarantees over HTTP, on both databases, by direct request (what a page
 * hides proves nothing): a viewer cannot change anything, a developer cannot manage users, and
 * nothing of one client is reachable by another client's staff, whatever their role. The routes
 * come from the running app itself, so a new route is covered (or fails here) the day it lands.
 * (Sign-in throttling and CSRF are in portal-session.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../src/domain/portal/staff.js';
import { createClient } from '../../src/services/clients/create-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { signInAsAdmin, staffUser } from '../support/portal-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';
import { PORTAL_CHANGE_ROUTES } from './portal-change-routes.js';

const CHANGE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RANK: Array<StaffRole | 'anyone'> = ['anyone', 'viewer', 'developer', 'admin'];

/** A route pattern with each `:param` (or `:param{regex}`) replaced by a value. */
const fill = (pattern: string, value: (param: string) => string) => pattern.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_, param: string) => encodeURIComponent(value(param)));

describe.each(TEST_DIALECTS)('Portal access control on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  /** The Portal API's routes as the running app registered them (handlers, not middleware). */
  const portalRoutes = () => {
    const seen = new Set<string>();
    return doorway.runtime.app.routes
      .filter((route) => route.path.startsWith('/portal/api/') && !route.path.includes('*') && route.method !== 'ALL')
      .filter((route) => !seen.has(`${route.method} ${route.path}`) && seen.add(`${route.method} ${route.path}`));
  };

  it('lists every change route of the Portal API in portal-change-routes.ts', () => {
    const registered = portalRoutes()
      .filter((route) => CHANGE_METHODS.has(route.method))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    const listed = PORTAL_CHANGE_ROUTES.map((route) => `${route.method} ${route.path}`).sort();
    // A failure here: add the new route, with the least role allowed, to portal-change-routes.ts.
    expect(registered).toEqual(listed);
  });

  it.each(['viewer', 'developer'] as const)('refuses a %s every change above their role, before looking at anything', async (role) => {
    const user = await staffUser(doorway, role);
    const above = PORTAL_CHANGE_ROUTES.filter((route) => RANK.indexOf(route.role) > RANK.indexOf(role));
    expect(above.length).toBeGreaterThan(0);
    for (const route of above) {
      const result = await user.call(route.method, fill(route.path, () => 'x').slice('/portal/api'.length), {});
      expect(result.status, `${route.method} ${route.path} as a ${role}: ${JSON.stringify(result.json)}`).toBe(403);
      expect(result.json.error.code).toBe('FORBIDDEN');
    }
    expect((await user.get('/session')).status).toBe(200);
  });

  it("keeps every one of a client's resources out of another client's reach", async () => {
    // The first client (the default one): a user, an invitation, a company with a connection, an API key, a webhook consumer.
    const admin = await signInAsAdmin(doorway);
    const member = await staffUser(doorway, 'developer');
    const invitation = (await admin.post('/invitations', { email: `tenant-${Date.now()}@invited.test`, role: 'viewer' })).json.invitation;
    const apiKey = (await doorway.api('POST', '/apiKeys', { name: 'tenant one key' })).json;
    const consumer = (await doorway.api('POST', '/webhooks', { url: 'https://hooks.example/tenant-one', eventTypes: ['company.created'] })).json;
    // Created after the consumer, so its company.created event is a message in the consumer's log.
    const company = (await doorway.api('POST', '/companies', { name: `Tenant One ${Date.now()}` })).json;
    const message = (await doorway.api('GET', `/webhooks/${consumer.id}/messages`)).json.results[0];
    const connection = (await doorway.api('POST', `/companies/${company.id}/connections`, { platformKey: 'mqjo' })).json;
    const ids: Record<string, string | undefined> = {
      userId: member.session!.user.id,
      invitationId: invitation.id,
      companyId: company.id,
      connectionId: connection.id,
      messageId: message?.id,
      apiKeyId: apiKey.id,
      consumerId: consumer.id,
      webhookId: consumer.id,
    };
    for (const [param, id] of Object.entries(ids)) expect(id, param).toBeTruthy();
    /** Route parameters that name no tenant's resource (a platform, a secret link's token). */
    const shared = new Set(['platformKey', 'token']);
    const marks = [...(Object.values(ids) as string[]), member.email, invitation.email, company.name];

    const { client: second } = await createClient(doorway.runtime.deps, { name: 'Tenant Two' });
    const outsiders = await Promise.all((['admin', 'developer', 'viewer'] as const).map((role) => staffUser(doorway, role, second.id)));
    const paramOf = (route: string) => (param: string) => {
      if (shared.has(param)) return 'x';
      const id = ids[param];
      // A failure here: a new route names a resource by `param`; add one of the first client's to `ids`.
      if (!id) throw new Error(`${route}: no first-client id for :${param}`);
      return id;
    };

    for (const route of portalRoutes().filter((candidate) => candidate.method === 'GET')) {
      const path = fill(route.path, paramOf(route.path)).slice('/portal/api'.length);
      for (const outsider of outsiders) {
        const result = await outsider.get(path);
        const label = `GET ${route.path} as the other client's ${outsider.session!.user.role}`;
        if (route.path.includes(':') && !/:(platformKey|token)\b/.test(route.path)) expect(result.status, label).toBe(404);
        const body = JSON.stringify(result.json);
        // A 404 may echo the id it was asked for; nothing else of the first client may appear.
        for (const mark of marks.filter((candidate) => !path.includes(candidate))) expect(body.includes(mark), `${label} shows ${mark}`).toBe(false);
      }
    }

    const outsiderAdmin = outsiders[0]!;
    for (const route of PORTAL_CHANGE_ROUTES.filter((candidate) => candidate.role !== 'anyone' && candidate.path.includes(':'))) {
      const path = fill(route.path, paramOf(route.path)).slice('/portal/api'.length);
      const result = await outsiderAdmin.call(route.method, path, {});
      expect([400, 404], `${route.method} ${route.path} as the other client's admin`).toContain(result.status);
    }
    // With valid bodies too, so the 404 is the lookup's, not the body check's.
    expect((await outsiderAdmin.patch(`/users/${ids.userId}`, { role: 'viewer' })).status).toBe(404);
    expect((await outsiderAdmin.del(`/users/${ids.userId}`)).status).toBe(404);
    expect((await outsiderAdmin.del(`/invitations/${ids.invitationId}`)).status).toBe(404);
    // Still there for their own client.
    expect((await admin.get('/users')).json.results.some((user: { id: string }) => user.id === member.session!.user.id)).toBe(true);
    expect((await admin.get('/invitations')).json.results.some((item: { id: string }) => item.id === invitation.id)).toBe(true);
    expect((await doorway.api('GET', `/companies/${company.id}`)).status).toBe(200);
    expect((await member.get('/session')).status).toBe(200);
  });
});
