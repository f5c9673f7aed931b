/**
 * Every URL Doorway mints, in one place. Each builder takes an optional base (Doorway's public
 * URL, without a trailing slash): without it the result is the path a page on Doorway's own
 * origin navigates to, with it the absolute URL handed to clients, SMBs and providers. Building
 * both from the same template is what keeps a Link URL in an API response and the route that
 * serves it from drifting apart.
 */

/** The route patterns (Hono syntax) that serve the minted URLs; test/ checks both agree. */
export const PUBLIC_ROUTES = {
  companyLink: '/link/company/:companyId',
  connectionLink: '/link/companies/:companyId/connections/:connectionId/start',
  invite: '/link/invite/:clientSlug',
  session: '/link/s/:sessionId',
  authorize: '/link/s/:sessionId/connections/:connectionId/authorize',
  oauthCallback: '/link/oauth/callback',
  linkDone: '/link/done',
  sessionDone: '/link/s/:sessionId/done',
  /** Embedded Link's popup (or full page) starts the platform's authorization here, with a signed ticket. */
  embeddedAuthorize: '/link/embed/authorize',
  /** The external script of the page the callback shows an embedded popup (posts the result to its opener). */
  authorizationReturnedScript: '/link/assets/authorization-returned.js',
  /** Embedded Link's ES modules (a drop-in for Codat's `https://link-sdk.codat.io`, and its Connections SDK). */
  linkSdk: '/link-sdk',
  connectionsSdk: '/connections-sdk',
  /** The Portal's pages (one app: every path under /portal is the same page, routed in the browser). */
  portal: '/portal',
  portalCompany: '/portal/companies/:companyId',
  /** An invitation link for a new staff user (shown once to the admin who invited them). */
  portalInvitation: '/portal/invitations/:token',
} as const;

/**
 * Embedded Link's Link API: the Hosted Link routes (`/link/api/...`) under this prefix, with the
 * company in the path so the CORS preflight can be answered per client (OpenAPI path syntax).
 */
export const EMBEDDED_LINK_API_PREFIX = '/link/embed/companies/{companyId}/api';

/**
 * Where Doorway's built-in Sandbox authorization server lives, relative to Doorway's public URL.
 * Shared by the OAuth engine (which points `type: 'sandbox'` providers here) and the HTTP routes.
 */
export const SANDBOX_PATHS = {
  authorize: '/sandbox/oauth/authorize',
  token: '/sandbox/oauth/token',
  /** RFC 7009 token revocation. */
  revoke: '/sandbox/oauth/revoke',
  stylesheet: '/sandbox/assets/sandbox.css',
  company: '/sandbox/api/company',
  accounts: '/sandbox/api/accounts',
  invoices: '/sandbox/api/invoices',
  bankAccounts: '/sandbox/api/banking/accounts',
  bankTransactions: '/sandbox/api/banking/transactions',
  /**
   * The Sandbox API's base: the Sandbox providers' `api.baseUrl`, site-relative because only the
   * deployment knows its public URL (`PublicUrls.absolute` makes it absolute).
   */
  apiBase: '/sandbox/api',
} as const;

/** The path (no base) or absolute URL (with base) of each page Doorway links to. */
export const publicPaths = {
  /** A company's Hosted Link URL (Codat's `Company.redirect`). */
  companyLink: (companyId: string, base = '') => `${base}/link/company/${companyId}`,
  /** A connection's `linkUrl`: straight to that platform's authorization. */
  connectionLink: (companyId: string, connectionId: string, base = '') =>
    `${base}/link/companies/${companyId}/connections/${connectionId}/start`,
  /** A client's generic Invite URL: the SMB names its company first. */
  invite: (clientSlug: string, base = '') => `${base}/link/invite/${clientSlug}`,
  /** A Link session's page (back from a provider, or any later visit). */
  session: (sessionId: string, base = '') => `${base}/link/s/${sessionId}`,
  /** Where the Link page navigates after consent to start a platform's authorization. */
  authorize: (sessionId: string, connectionId: string, base = '') => `${base}/link/s/${sessionId}/connections/${connectionId}/authorize`,
  /** Doorway's OAuth redirect URI, registered with every platform's OAuth app. */
  oauthCallback: (base = '') => `${base}${PUBLIC_ROUTES.oauthCallback}`,
  /** Doorway's own "you may close this window" page, when the client has no redirect. */
  linkDone: (base = '') => `${base}${PUBLIC_ROUTES.linkDone}`,
  /** The end page of one visit when the client has no redirect: it says what is connected, if anything. */
  sessionDone: (sessionId: string, base = '') => `${base}/link/s/${sessionId}/done`,
  /** Where an embedded session's consent answer sends the popup: the ticket names the session and connection. */
  embeddedAuthorize: (ticket: string, base = '') => `${base}${PUBLIC_ROUTES.embeddedAuthorize}?ticket=${encodeURIComponent(ticket)}`,
  /** Embedded Link's modules, as a client's page imports them. */
  linkSdk: (base = '') => `${base}${PUBLIC_ROUTES.linkSdk}`,
  connectionsSdk: (base = '') => `${base}${PUBLIC_ROUTES.connectionsSdk}`,
  /** Embedded Link's Link API base for one company (the SDK appends `/sessions`, `/state`, …). */
  embeddedLinkApi: (companyId: string, base = '') => `${base}${EMBEDDED_LINK_API_PREFIX.replace('{companyId}', companyId)}`,
  /** The Portal's home (sign-in, then the Companies page). */
  portal: (base = '') => `${base}${PUBLIC_ROUTES.portal}`,
  /** A company in the Portal. */
  portalCompany: (companyId: string, base = '') => `${base}/portal/companies/${companyId}`,
  /** Where an invited staff user chooses a password. */
  portalInvitation: (token: string, base = '') => `${base}/portal/invitations/${token}`,
  /** The monogram logo Doorway serves for a platform that names no logo of its own. */
  providerLogo: (platformKey: string, base = '') => `${base}/static/logos/${platformKey}.svg`,
  sandboxAuthorize: (base = '') => `${base}${SANDBOX_PATHS.authorize}`,
  sandboxToken: (base = '') => `${base}${SANDBOX_PATHS.token}`,
  sandboxRevoke: (base = '') => `${base}${SANDBOX_PATHS.revoke}`,
} as const;

/** `https://doorway.example/` and `https://doorway.example` name the same base. */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The absolute URLs under one deployment's public base. */
export interface PublicUrls {
  /** The public base URL, without a trailing slash. */
  readonly base: string;
  companyLink(companyId: string): string;
  connectionLink(companyId: string, connectionId: string): string;
  invite(clientSlug: string): string;
  oauthCallback(): string;
  embeddedAuthorize(ticket: string): string;
  portalCompany(companyId: string): string;
  portalInvitation(token: string): string;
  sandboxAuthorize(): string;
  sandboxToken(): string;
  sandboxRevoke(): string;
  /** A URL as given (absolute) or a path made absolute under the base (e.g. a provider's logo). */
  absolute(pathOrUrl: string): string;
}

/** Built once by the composition root and passed down (`deps.urls`, the wire context). */
export function createPublicUrls(publicUrl: string): PublicUrls {
  const base = trimTrailingSlash(publicUrl);
  // Constant URLs are built once here rather than on every response.
  const oauthCallback = publicPaths.oauthCallback(base);
  const sandboxAuthorize = publicPaths.sandboxAuthorize(base);
  const sandboxToken = publicPaths.sandboxToken(base);
  const sandboxRevoke = publicPaths.sandboxRevoke(base);
  return {
    base,
    companyLink: (companyId) => publicPaths.companyLink(companyId, base),
    connectionLink: (companyId, connectionId) => publicPaths.connectionLink(companyId, connectionId, base),
    invite: (clientSlug) => publicPaths.invite(clientSlug, base),
    oauthCallback: () => oauthCallback,
    embeddedAuthorize: (ticket) => publicPaths.embeddedAuthorize(ticket, base),
    portalCompany: (companyId) => publicPaths.portalCompany(companyId, base),
    portalInvitation: (token) => publicPaths.portalInvitation(token, base),
    sandboxAuthorize: () => sandboxAuthorize,
    sandboxToken: () => sandboxToken,
    sandboxRevoke: () => sandboxRevoke,
    absolute: (pathOrUrl) => (/^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`),
  };
}
