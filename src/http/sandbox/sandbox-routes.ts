import type { Context, Hono } from 'hono';
import { systemClock, type Clock } from '../../domain/clock.js';
import { getSandboxDataset, listSandboxDatasets } from '../../providers/sandbox/datasets.js';
import { SANDBOX_PATHS, trimTrailingSlash } from '../../providers/sandbox/sandbox-endpoints.js';
import { keepOpener } from '../link/link-security-headers.js';
import { checkAuthorizationRequest, redirectWith, type AuthorizationRequestCheck } from './authorization-request.js';
import { SANDBOX_CSS } from './sandbox-css.js';
import { renderAuthorizePage, renderErrorPage } from './sandbox-pages.js';
import { registerSandboxApiRoutes } from './sandbox-api-routes.js';
import { handleRevocationRequest } from './sandbox-revocation-endpoint.js';
import { handleTokenRequest, signSandboxCode, type SandboxServerSettings } from './sandbox-token-endpoint.js';

/**
 * `signingKey` signs codes and tokens (derive it for this purpose); `clientId` and `clientSecret`
 * are the one client the Sandbox knows, Doorway itself; `grants` (the store's) make its tokens
 * rotatable and revocable; the lifetimes come from SANDBOX_*_TOKEN_TTL_SECONDS.
 */
export interface SandboxRouteOptions extends SandboxServerSettings {
  /** Doorway's public URL: the only acceptable redirect URI is its /link/oauth/callback. */
  publicUrl: string;
  /** Defaults to the system clock; tests move time to expire codes and tokens. */
  clock?: Clock;
}

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** No script, styles only from our stylesheet, forms only back here or to the validated callback. */
function pageSecurityPolicy(formTargets: string): string {
  return `default-src 'none'; style-src 'self'; img-src 'self'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`;
}

function sendPage(c: Context, html: string, status: 200 | 400, formTargets = "'none'") {
  c.header('Content-Security-Policy', pageSecurityPolicy(formTargets));
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  return c.html(html, status);
}

/**
 * Doorway's simulated platform: an authorization server (consent page and token endpoint) plus a
 * tiny read API over the sample datasets. Mounted on Doorway's own app; no API key is involved
 * (clients authenticate to the token endpoint, the API takes the Sandbox's bearer tokens).
 */
export function registerSandboxRoutes(app: Hono<any>, options: SandboxRouteOptions): void {
  const clock = options.clock ?? systemClock;
  const settings = { clientId: options.clientId, publicUrl: trimTrailingSlash(options.publicUrl) };
  const formTargets = `'self' ${new URL(settings.publicUrl).origin}`;

  /** A failed check becomes an error page (untrusted redirect) or an RFC error redirect. */
  const refuse = (c: Context, check: Exclude<AuthorizationRequestCheck, { ok: true }>) =>
    check.outcome === 'page'
      ? sendPage(c, renderErrorPage(check.message), 400)
      : c.redirect(redirectWith(check.redirectUri, check.state, { error: check.error, error_description: check.description }), 302);

  app.get(SANDBOX_PATHS.stylesheet, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SANDBOX_CSS);
  });

  // Like any platform's sign-in, the consent page and its answer may run in an embedded Link
  // popup, which must keep its opener (link-security-headers.ts).
  app.get(SANDBOX_PATHS.authorize, (c) => {
    keepOpener(c);
    const check = checkAuthorizationRequest(new URL(c.req.url).searchParams, settings);
    if (!check.ok) return refuse(c, check);
    return sendPage(c, renderAuthorizePage({ request: check.request, datasets: listSandboxDatasets() }), 200, formTargets);
  });

  // No CSRF token on this form: a forged submission can only deliver a code for sample data to
  // Doorway's own callback, where it is useless without the link session's single-use state and
  // the PKCE verifier, both of which stay with whoever started the flow.
  app.post(SANDBOX_PATHS.authorize, async (c) => {
    keepOpener(c);
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== FORM_MEDIA_TYPE) return sendPage(c, renderErrorPage('The form was not submitted in the expected format.'), 400);
    const form = new URLSearchParams(await c.req.text());
    // The hidden fields come back from the browser, so they are validated all over again.
    const check = checkAuthorizationRequest(form, settings);
    if (!check.ok) return refuse(c, check);
    const { request } = check;
    const decision = form.get('decision');
    if (decision === 'cancel') {
      return c.redirect(redirectWith(request.redirectUri, request.state, { error: 'access_denied', error_description: 'User cancelled' }), 302);
    }
    if (decision === 'error') {
      return c.redirect(redirectWith(request.redirectUri, request.state, { error: 'server_error', error_description: 'Simulated error' }), 302);
    }
    if (decision !== 'authorize') return sendPage(c, renderErrorPage('Choose Authorize, Cancel or Simulate an error.'), 400);
    const dataset = getSandboxDataset(form.get('dataset') ?? '');
    if (!dataset) {
      const page = renderAuthorizePage({ request, datasets: listSandboxDatasets(), problem: 'Choose a sample company to share.' });
      return sendPage(c, page, 400, formTargets);
    }
    const code = signSandboxCode(
      options,
      { kind: 'code', clientId: request.clientId, redirectUri: request.redirectUri, codeChallenge: request.codeChallenge, dataset: dataset.id, scope: request.scope },
      clock.now(),
    );
    return c.redirect(redirectWith(request.redirectUri, request.state, { code }), 302);
  });

  const readOAuthRequest = async (c: Context) => ({ contentType: c.req.header('content-type'), authorization: c.req.header('authorization'), body: await c.req.text() });

  app.post(SANDBOX_PATHS.token, async (c) => {
    const result = await handleTokenRequest(options, await readOAuthRequest(c), clock.now());
    return c.json(result.body, result.status, result.headers);
  });

  app.post(SANDBOX_PATHS.revoke, async (c) => {
    const result = await handleRevocationRequest(options, await readOAuthRequest(c), clock.now());
    return c.json(result.body, result.status, result.headers);
  });

  registerSandboxApiRoutes(app, options, clock);
}
