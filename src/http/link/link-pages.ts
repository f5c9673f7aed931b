import type { Hono } from 'hono';
import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import { resolveLinkText } from '../../domain/link/link-settings.js';
import { PUBLIC_ROUTES, publicPaths } from '../../domain/public-urls.js';
import { webUrlOrNull } from '../../domain/web-url.js';
import { completeAuthorization } from '../../services/link/complete-authorization.js';
import { getLinkEnd } from '../../services/link/get-link-end.js';
import { getLinkSettings } from '../../services/link/get-link-settings.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import { needsForm } from '../../services/link/give-consent.js';
import { linkParamsFrom, openLinkSession } from '../../services/link/open-link-session.js';
import { requireLinkConnection } from '../../services/link/require-link-connection.js';
import { requireLinkSession } from '../../services/link/require-link-session.js';
import { startAuthorization } from '../../services/link/start-authorization.js';
import { startEmbeddedAuthorization } from '../../services/link/start-embedded-authorization.js';
import { renderAuthorizationReturnedPage, renderFullPageReturnPage } from './authorization-returned-page.js';
import { keepOpener } from './link-security-headers.js';
import type { HttpEnv } from '../env.js';
import { ensureBrowserSecret, isEmbeddedPopup, markEmbeddedPopup, readBrowserSecret } from './browser-cookie.js';
import { clientAddressOf, type TrustedProxies } from './client-address.js';
import { friendlyPage } from './friendly-page.js';
import type { LinkBootstrap } from '../../wire/link/link-api-schemas.js';
import { LINK_API_BASE } from './link-api-routes.js';
import { renderLinkShell } from './link-shell.js';


/**
 * The Link URLs a browser opens. Each renders the app shell for a session bound to this browser,
 * or redirects: to a provider's authorization URL from its definition, or to Doorway's own pages.
 */
export function registerLinkPages(app: Hono<HttpEnv>, deps: LinkDeps, trustProxy: TrustedProxies): void {
  const secure = deps.publicUrl.startsWith('https://');
  const clientAddress = clientAddressOf(trustProxy);
  const shell = (title: string, bootstrap: LinkBootstrap, iconUrl: string | null = null) => renderLinkShell(title, bootstrap, iconUrl);

  // Company Link URL (= Company.redirect).
  app.get(PUBLIC_ROUTES.companyLink, async (c) => {
    const browserSecret = ensureBrowserSecret(c, secure);
    const query = new URL(c.req.url).searchParams;
    const session = await openLinkSession(deps, { companyId: c.req.param('companyId'), browserSecret, params: linkParamsFrom(query), clientAddress: clientAddress(c) });
    return c.html(shell('Connect your accounts', { apiBase: LINK_API_BASE, csrfToken: session.id, view: 'flow', initialStep: { kind: 'main' } }));
  });

  // A connection's linkUrl: straight to that platform's authorization.
  app.get(PUBLIC_ROUTES.connectionLink, async (c) => {
    const browserSecret = ensureBrowserSecret(c, secure);
    const query = new URL(c.req.url).searchParams;
    const session = await openLinkSession(deps, { companyId: c.req.param('companyId'), browserSecret, params: linkParamsFrom(query), clientAddress: clientAddress(c) });
    const connection = await requireLinkConnection(deps.store, session, c.req.param('connectionId'));
    const provider = deps.providers.get(connection.integrationKey);
    const bootstrap = (initialStep: LinkBootstrap['initialStep']): LinkBootstrap => ({ apiBase: LINK_API_BASE, csrfToken: session.id, view: 'flow', initialStep });
    if (connection.status === 'Linked') return c.html(shell('Connect your accounts', bootstrap({ kind: 'main' })));
    if (provider && needsForm(provider)) {
      return c.html(shell('Connect your accounts', bootstrap({ kind: 'credentials', connectionId: connection.id })));
    }
    return c.redirect(await startAuthorization(deps, session, connection.id), 302);
  });

  // The page navigates here after consent; the session id in the path must belong to this browser.
  app.get(PUBLIC_ROUTES.authorize, async (c) => {
    const session = await requireLinkSession(deps.store, c.req.param('sessionId'), readBrowserSecret(c), deps.clock.now());
    return c.redirect(await startAuthorization(deps, session, c.req.param('connectionId')), 302);
  });

  // Back from a provider, or any later visit of the same session.
  app.get(PUBLIC_ROUTES.session, async (c) => {
    const session = await requireLinkSession(deps.store, c.req.param('sessionId'), readBrowserSecret(c), deps.clock.now());
    const result = c.req.query('result');
    const initialStep = result && isUuid(result) ? { kind: 'result' as const, connectionId: result } : { kind: 'main' as const };
    return c.html(shell('Connect your accounts', { apiBase: LINK_API_BASE, csrfToken: session.id, view: 'flow', initialStep }));
  });

  // An embedded session's popup (or, popups blocked, the client's whole page) starts here with
  // the ticket of its consent answer. Its own first-party cookie binds the OAuth state.
  app.get(PUBLIC_ROUTES.embeddedAuthorize, async (c) => {
    keepOpener(c);
    markEmbeddedPopup(c, secure);
    const url = await startEmbeddedAuthorization(deps, { ticket: c.req.query('ticket') ?? '', browserSecret: ensureBrowserSecret(c, secure), returnUrl: c.req.query('returnUrl') });
    return c.redirect(url, 302);
  });

  app.get(PUBLIC_ROUTES.oauthCallback, async (c) => {
    if (isEmbeddedPopup(c)) keepOpener(c); // before anything can fail: its error page keeps the opener too
    const outcome = await completeAuthorization(deps, new URL(c.req.url).searchParams, readBrowserSecret(c));
    if (outcome.embed === null) return c.redirect(`${publicPaths.session(outcome.sessionId)}?result=${outcome.connectionId}`, 302);
    keepOpener(c);
    if (outcome.returnUrl !== null) return c.html(renderFullPageReturnPage(outcome.returnUrl));
    return c.html(renderAuthorizationReturnedPage({ connectionId: outcome.connectionId, targetOrigin: outcome.embed.origin, ok: outcome.ok }));
  });

  // The client's generic Invite URL: the SMB names its company first.
  app.get(PUBLIC_ROUTES.invite, async (c) => {
    const client = await deps.store.clients.findBySlug(c.req.param('clientSlug'));
    if (!client) throw new AppError('NOT_FOUND', 'We could not find this invitation. Please check the link you were sent.');
    const browserSecret = ensureBrowserSecret(c, secure);
    const params = linkParamsFrom(new URL(c.req.url).searchParams);
    const session = await openLinkSession(deps, { clientId: client.id, browserSecret, params, clientAddress: clientAddress(c) });
    const settings = await getLinkSettings(deps, client.id);
    const text = resolveLinkText(settings);
    return c.html(
      shell(text['invite.title'], {
        apiBase: LINK_API_BASE,
        csrfToken: session.id,
        view: 'invite',
        invite: {
          clientSlug: client.slug,
          title: text['invite.title'],
          body: text['invite.body'],
          clientName: client.name,
          logoUrl: webUrlOrNull(settings.branding.logoUrl ?? client.logoUrl),
          primaryColor: settings.branding.primaryColor,
        },
      }),
    );
  });

  // The end of a visit when the client has no redirect: says what is connected, if anything.
  app.get(PUBLIC_ROUTES.sessionDone, async (c) => {
    const session = await requireLinkSession(deps.store, c.req.param('sessionId'), readBrowserSecret(c), deps.clock.now());
    return c.html(friendlyPage(await getLinkEnd(deps, session)));
  });

  // Without a session it cannot know what was connected, so it claims nothing.
  app.get(PUBLIC_ROUTES.linkDone, (c) =>
    c.html(friendlyPage({ title: 'You may close this window', message: 'If you still need to connect an account, open the link you were sent again.' })),
  );
}
