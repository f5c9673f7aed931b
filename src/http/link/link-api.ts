import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
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
import { toLinkConnection, toLinkState } from './link-view-models.js';

const EventBody = z.object({
  type: z.enum(['category_chosen', 'platform_chosen']),
  sourceType: z.string().max(20).optional(),
  platformKey: z.string().max(20).optional(),
  connectionId: z.string().max(64).optional(),
});
const PlatformBody = z.object({ platformKey: z.string().regex(/^[a-z]{4}$/) });
const CredentialsBody = z.object({ values: z.record(z.string().max(64), z.string().max(2000)) });
const InviteBody = z.object({ companyName: z.string().min(1).max(200) });

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Something in this form is not valid. Please check it and try again.');
  return parsed.data;
}

/**
 * The Link app's JSON API (docs/link-api.md). Every call names its session in `X-CSRF-Token`,
 * which a cross-site page cannot send, and the session must belong to this browser's cookie.
 */
export function registerLinkApi(app: Hono<HttpEnv>, deps: LinkDeps, wire: WireContext, trustProxy: boolean): void {
  const session = (c: Context): Promise<LinkSession> =>
    requireLinkSession(deps.store, c.req.header('X-CSRF-Token'), readBrowserSecret(c), deps.clock.now());
  const clientIp = (c: Context): string => {
    const forwarded = trustProxy ? c.req.header('X-Forwarded-For')?.split(',')[0]?.trim() : undefined;
    if (forwarded) return forwarded;
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // not served by @hono/node-server (e.g. app.request in a test)
    }
  };
  const base = '/link/api';

  app.get(`${base}/state`, async (c) => c.json(toLinkState(wire, await getLinkState(deps, await session(c)))));

  app.post(`${base}/events`, async (c) => {
    const s = await session(c);
    const event = await body(c, EventBody);
    await recordLinkEvent(deps, s, event.type, { platformKey: event.platformKey ?? null, sourceType: event.sourceType ?? null, connectionId: null });
    return c.body(null, 204);
  });

  app.post(`${base}/connections`, async (c) => {
    const connection = await choosePlatform(deps, await session(c), (await body(c, PlatformBody)).platformKey);
    return c.json({ connection: toLinkConnection(wire, connection) });
  });

  app.get(`${base}/connections/:id`, async (c) => {
    const connection = await requireLinkConnection(deps.store, await session(c), c.req.param('id'));
    return c.json({ connection: toLinkConnection(wire, connection) });
  });

  for (const action of ['consent', 'reconnect']) {
    app.post(`${base}/connections/:id/${action}`, async (c) => c.json({ next: await giveConsent(deps, await session(c), c.req.param('id')) }));
  }

  app.post(`${base}/connections/:id/credentials`, async (c) => {
    const s = await session(c);
    const { values } = await body(c, CredentialsBody);
    const outcome = await submitCredentials(deps, s, c.req.param('id'), values);
    return c.json({ connection: toLinkConnection(wire, outcome.connection), ...(outcome.next ? { next: outcome.next } : {}) });
  });

  app.post(`${base}/connections/:id/disconnect`, async (c) =>
    c.json({ connection: toLinkConnection(wire, await disconnectFromLink(deps, await session(c), c.req.param('id'))) }),
  );

  app.post(`${base}/complete`, async (c) => c.json({ redirectUrl: await finishLink(deps, await session(c), 'completed') }));
  app.post(`${base}/exit`, async (c) => c.json({ redirectUrl: await finishLink(deps, await session(c), 'exited') }));

  app.post(`${base}/invite/:clientSlug`, async (c) => {
    const s = await session(c);
    const client = await deps.store.clients.findBySlug(c.req.param('clientSlug'));
    if (!client || client.id !== s.clientId) throw new AppError('NOT_FOUND', 'We could not find this invitation.');
    await createInvitedCompany(deps, s, (await body(c, InviteBody)).companyName, clientIp(c));
    return c.json({ next: `/link/s/${s.id}` });
  });
}
