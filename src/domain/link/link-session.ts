import type { LinkEmbedding } from './link-embedding.js';

/**
 * One visit to a Link URL, or one mount of the Link SDK (`embed` set: then `browserHash` is the
 * hash of the company access token the page calls with, not of a cookie). The page holds the session id and sends it as a header on every
 * request (so a cross-site form cannot), and the session is bound to the browser by an HttpOnly
 * cookie whose hash is `browserHash` (so a leaked session id is useless in another browser).
 * Several tabs of one browser each have their own session. `params` keeps the Link URL's query
 * string: custom redirect placeholders and per-visit options such as `link.showSandboxIntegrations`.
 */
export interface LinkSession {
  id: string;
  clientId: string;
  /** Null until an Invite page visit has created its company. */
  companyId: string | null;
  browserHash: string;
  params: Record<string, string>;
  created: string;
  expiresAt: string;
  embed: LinkEmbedding | null;
}

export const LINK_SESSION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A pending OAuth authorization. Its id is the opaque `state` sent to the provider; the row is
 * consumed exactly once and only by the browser session that started it.
 */
export interface OAuthState {
  id: string;
  clientId: string;
  companyId: string;
  connectionId: string;
  sessionId: string;
  codeVerifierSealed: string | null;
  created: string;
  expiresAt: string;
  consumedAt: string | null;
  /** Embedded sessions: the hash of the popup's (or full page's) browser cookie, which the callback must bring. */
  browserHash: string | null;
  /** Embedded full-page round trip: the client's page the callback returns to. */
  returnUrl: string | null;
}

export const OAUTH_STATE_TTL_MS = 15 * 60 * 1000;

export const LINK_EVENT_TYPES = [
  'opened',
  'category_chosen',
  'platform_chosen',
  'consent_given',
  'authorization_started',
  'connected',
  'failed',
  'disconnected',
  'completed',
  'exited',
  'company_created',
] as const;
export type LinkEventType = (typeof LINK_EVENT_TYPES)[number];

export interface LinkEvent {
  id: string;
  clientId: string;
  companyId: string | null;
  sessionId: string | null;
  connectionId: string | null;
  platformKey: string | null;
  sourceType: string | null;
  type: LinkEventType;
  detail: Record<string, unknown> | null;
  created: string;
}
