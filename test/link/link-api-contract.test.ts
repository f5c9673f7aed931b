/**
 * The Link JSON API keeps its contract: every answer the server gives (successes and errors)
 * matches the schema its route declares in src/wire/link, the browser's only description of
 * it, and the routes appear in the OpenAPI document tagged as internal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as routes from '../../src/http/link/link-api-routes.js';
import { LinkBootstrapSchema, LinkErrorSchema } from '../../src/wire/link/link-api-schemas.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;

beforeAll(async () => {
  doorway = await startDoorway();
});
afterAll(async () => doorway?.close());

type Route = (typeof routes.LINK_API_ROUTES)[number];
type Reply = { status: number; json: Record<string, unknown> };

/** Parses the body with the schema `route` declares for the status it came with. */
function expectContract(route: Route, reply: Reply): void {
  const declared = (route.responses as Record<number, { content?: { 'application/json': { schema: z.ZodType } } }>)[reply.status];
  expect(declared, `${route.method} ${route.path} answered an undeclared ${reply.status}`).toBeDefined();
  const schema = declared!.content?.['application/json'].schema;
  if (!schema) return expect(reply.json).toEqual({}); // 204
  const parsed = schema.safeParse(reply.json);
  expect(parsed.success ? [] : parsed.error.issues, `${route.method} ${route.path} → ${reply.status}`).toEqual([]);
}

async function openCompany(browser: HttpLinkClient, name: string): Promise<string> {
  const company = (await doorway.api('POST', '/companies', { name })).json;
  const page = await browser.open(`/link/company/${company.id as string}`);
  const bootstrap = /id="doorway-link-bootstrap">(.*?)<\/script>/s.exec(page.html)![1]!;
  expect(LinkBootstrapSchema.safeParse(JSON.parse(bootstrap)).success).toBe(true);
  return page.sessionId;
}

describe('Link API contract', () => {
  it('answers every endpoint in the shapes src/wire/link declares', async () => {
    const browser = new HttpLinkClient(doorway.url);
    const sessionId = await openCompany(browser, 'Contract Ltd');
    const call = (method: string, path: string, body?: unknown) => browser.api(sessionId, method, path, body);

    expectContract(routes.getStateRoute, await call('GET', '/state'));
    expectContract(routes.postEventRoute, await call('POST', '/events', { type: 'category_chosen', sourceType: 'Accounting' }));
    const created = await call('POST', '/connections', { platformKey: 'mqjo' });
    expectContract(routes.createConnectionRoute, created);
    const id = (created.json.connection as { id: string }).id;
    expectContract(routes.getConnectionRoute, await call('GET', `/connections/${id}`));
    expectContract(routes.consentRoute, await call('POST', `/connections/${id}/consent`, {}));
    expectContract(routes.credentialsRoute, await call('POST', `/connections/${id}/credentials`, { values: {} }));

    const linked = await authorizeThroughSandbox(browser, sessionId, 'authorize');
    expectContract(routes.getStateRoute, await call('GET', '/state')); // now with a Linked connection
    expectContract(routes.disconnectRoute, await call('POST', `/connections/${linked.connectionId}/disconnect`, {}));
    const reconnect = await call('POST', `/connections/${linked.connectionId}/reconnect`, {});
    expect(reconnect.status).toBe(200);
    expectContract(routes.reconnectRoute, reconnect);
    expectContract(routes.exitRoute, await call('POST', '/exit', {}));
  });

  it('answers completion and invitations in their declared shapes', async () => {
    const browser = new HttpLinkClient(doorway.url);
    const sessionId = await openCompany(browser, 'Complete Ltd');
    await authorizeThroughSandbox(browser, sessionId, 'authorize');
    expectContract(routes.completeRoute, await browser.api(sessionId, 'POST', '/complete', {}));

    const invited = new HttpLinkClient(doorway.url);
    const { sessionId: inviteSession } = await invited.open('/link/invite/default');
    expectContract(routes.inviteRoute, await invited.api(inviteSession, 'POST', '/invite/default', { companyName: 'Invited Co' }));
  });

  it('keeps its own error format, for validation failures too', async () => {
    const browser = new HttpLinkClient(doorway.url);
    const sessionId = await openCompany(browser, 'Errors Ltd');
    const invalid = await browser.api(sessionId, 'POST', '/connections', { platformKey: 'NOT A KEY' });
    expect(invalid.status).toBe(400);
    expectContract(routes.createConnectionRoute, invalid);
    expect(invalid.json.error).toMatchObject({ code: 'BAD_REQUEST', message: 'Something in this form is not valid. Please check it and try again.' });

    const badEvent = await browser.api(sessionId, 'POST', '/events', { type: 'made_up' });
    expect(badEvent.status).toBe(400);
    expectContract(routes.postEventRoute, badEvent);

    const unknown = await browser.api(sessionId, 'GET', '/connections/nope');
    expect(unknown.status).toBe(404);
    expectContract(routes.getConnectionRoute, unknown);

    // The session is checked before the body: a stranger gets 403, not a validation error.
    const stranger = await new HttpLinkClient(doorway.url).api(sessionId, 'POST', '/connections', { platformKey: 'NOT A KEY' });
    expect(stranger.status).toBe(403);
    expect(LinkErrorSchema.safeParse(stranger.json).success).toBe(true);
  });

  it('lists the routes in the OpenAPI document, tagged as internal', async () => {
    const document = (await (await fetch(`${doorway.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    for (const route of routes.LINK_API_ROUTES) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation?.tags, `${route.method} ${route.path}`).toEqual([routes.LINK_API_TAG]);
      expect(operation?.security).toEqual([{ link_session: [], link_browser: [] }]);
    }
    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(['link_session', 'link_browser']));
  });
});
