import { publicPaths } from '../../domain/public-urls.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { choosePlatform } from '../../services/link/choose-platform.js';
import { createInvitedCompany } from '../../services/link/create-invited-company.js';
import { disconnectFromLink } from '../../services/link/disconnect-from-link.js';
import { finishLink } from '../../services/link/finish-link.js';
import { getLinkState } from '../../services/link/get-link-state.js';
import { giveConsent } from '../../services/link/give-consent.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import { recordLinkEvent } from '../../services/link/record-link-event.js';
import { requireLinkConnection } from '../../services/link/require-link-connection.js';
import { requireLinkSession } from '../../services/link/require-link-session.js';
import { submitCredentials } from '../../services/link/submit-credentials.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import type { HttpEnv } from '../env.js';
import { readBrowserSecret } from './browser-cookie.js';
import { clientAddressOf, type TrustedProxies } from './client-address.js';
import * as routes from './link-api-routes.js';
import { toLinkConnection, toLinkState } from './link-view-models.js';

/**
 * A request that fails its schema gets the Link API's own error, `{ error: { code, message,
 * correlationId } }` (thrown, so the error handler writes it), never the Codat envelope.
 */
const formInvalid = (result: { success: boolean }): undefined => {
  if (!result.success) throw new AppError('BAD_REQUEST', 'Something in this form is not valid. Please check it and try again.');
};

export type LinkSessionMiddleware = MiddlewareHandler<{ Variables: { linkSession: LinkSession } }>;

/**
 * Where one audience reaches the Link API: Hosted Link at `/link/api/*`, authenticated by the
 * browser cookie, or Embedded Link at `/link/embed/companies/{companyId}/api/*`, authenticated
 * by the company access token (embedded-link-api.ts). The routes and their handlers are the same.
 */
export interface LinkApiMount {
  /** The served path of a route documented at `/link/api/...`. */
  path: (documentedPath: string) => string;
  /** Authenticates the call and sets its session. */
  session: LinkSessionMiddleware;
  /** Only Hosted Link has Invite pages. */
  invite: boolean;
}

/** Hosted Link's mount: the session named in `X-CSRF-Token` must belong to this browser's cookie. */
export function hostedLinkApiMount(deps: LinkDeps): LinkApiMount {
  const session = createMiddleware<{ Variables: { linkSession: LinkSession } }>(async (c, next) => {
    c.set('linkSession', await requireLinkSession(deps.store, c.req.header('X-CSRF-Token'), readBrowserSecret(c), deps.clock.now()));
    await next();
  });
  return { path: (documented) => documented, session, invite: true };
}

/**
 * The Link app's JSON API (src/wire/link, docs/link-api.md). Every call names its session in
 * `X-CSRF-Token`, which a cross-site page cannot send, and the mount checks the session belongs
 * to the caller. The session is checked before the body, so a stranger learns nothing from
 * validation errors. Paths are absolute (`/link/api/...`): mount the app at `/`.
 */
export function registerLinkApi(app: OpenAPIHono<HttpEnv>, deps: LinkDeps, wire: WireContext, trustProxy: TrustedProxies, mount: LinkApiMount = hostedLinkApiMount(deps)): void {
  const clientIp = clientAddressOf(trustProxy);
  // Served here, documented by the API surface's document (registerLinkApiDocumentation): hidden
  // from this app's own registry so a document built from a parent app lists them once.
  const guarded = <R extends { path: string }>(route: R) => ({ ...route, path: mount.path(route.path), middleware: mount.session, hide: true });

  app.openapi(guarded(routes.getStateRoute), async (c) => c.json(toLinkState(wire, await getLinkState(deps, c.var.linkSession)), 200), formInvalid);

  app.openapi(
    guarded(routes.postEventRoute),
    async (c) => {
      const event = c.req.valid('json');
      await recordLinkEvent(deps, c.var.linkSession, event.type, { platformKey: event.platformKey ?? null, sourceType: event.sourceType ?? null, connectionId: null });
      return c.body(null, 204);
    },
    formInvalid,
  );

  app.openapi(
    guarded(routes.createConnectionRoute),
    async (c) => c.json({ connection: toLinkConnection(wire, await choosePlatform(deps, c.var.linkSession, c.req.valid('json').platformKey)) }, 200),
    formInvalid,
  );

  app.openapi(
    guarded(routes.getConnectionRoute),
    async (c) => c.json({ connection: toLinkConnection(wire, await requireLinkConnection(deps.store, c.var.linkSession, c.req.valid('param').id)) }, 200),
    formInvalid,
  );

  for (const route of [routes.consentRoute, routes.reconnectRoute]) {
    app.openapi(guarded(route), async (c) => c.json({ next: await giveConsent(deps, c.var.linkSession, c.req.valid('param').id) }, 200), formInvalid);
  }

  app.openapi(
    guarded(routes.credentialsRoute),
    async (c) => {
      const outcome = await submitCredentials(deps, c.var.linkSession, c.req.valid('param').id, c.req.valid('json').values);
      return c.json({ connection: toLinkConnection(wire, outcome.connection), ...(outcome.next ? { next: outcome.next } : {}) }, 200);
    },
    formInvalid,
  );

  app.openapi(
    guarded(routes.disconnectRoute),
    async (c) => c.json({ connection: toLinkConnection(wire, await disconnectFromLink(deps, c.var.linkSession, c.req.valid('param').id)) }, 200),
    formInvalid,
  );

  app.openapi(guarded(routes.completeRoute), async (c) => c.json({ redirectUrl: await finishLink(deps, c.var.linkSession, 'completed') }, 200), formInvalid);
  app.openapi(guarded(routes.exitRoute), async (c) => c.json({ redirectUrl: await finishLink(deps, c.var.linkSession, 'exited') }, 200), formInvalid);

  if (!mount.invite) return;
  app.openapi(
    guarded(routes.inviteRoute),
    async (c) => {
      const s = c.var.linkSession;
      const client = await deps.store.clients.findBySlug(c.req.valid('param').clientSlug);
      if (!client || client.id !== s.clientId) throw new AppError('NOT_FOUND', 'We could not find this invitation.');
      await createInvitedCompany(deps, s, c.req.valid('json').companyName, clientIp(c));
      return c.json({ next: publicPaths.session(s.id) }, 200);
    },
    formInvalid,
  );
}
