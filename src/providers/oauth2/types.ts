import type { UpstreamError } from './upstream-error.js';

/** The client credentials Doorway holds for one platform (from integration settings or config). */
export interface OAuthAppCredentials {
  clientId: string;
  clientSecret: string;
}

/** A provider's OAuth 2 settings with every placeholder filled and every default applied. */
export interface ResolvedOAuth2 {
  authorizationUrl: string;
  tokenUrl: string;
  scopes: string[];
  scopeSeparator: string;
  pkce: boolean;
  tokenEndpointAuth: 'client_secret_basic' | 'client_secret_post';
  authorizationParams: Record<string, string>;
  tokenParams: Record<string, string>;
  callbackMetadata: string[];
  tokenResponseMetadata: string[];
  codeParam: string;
}

export interface TokenSet {
  accessToken: string;
  /** Null when the response carried none; after a refresh, keep the previous one in that case. */
  refreshToken: string | null;
  /** Lower-cased, as oauth4webapi normalises it (`bearer`); the scheme is case-insensitive. */
  tokenType: string;
  /** ISO-8601; null when the platform did not say (`expires_in` absent). */
  expiresAt: string | null;
  scope: string | null;
  /** Kept verbatim and NOT validated: Doorway connects data, it does not log people in. */
  idToken: string | null;
}

export type ExchangeResult = { ok: true; tokens: TokenSet; metadata: Record<string, string> } | { ok: false; error: UpstreamError };
