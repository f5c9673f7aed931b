import type { OAuth2TokenSet } from '../../domain/connection-credentials.js';
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

/** The token set is a domain type: it is what a Linked OAuth connection holds (domain/connection-credentials.ts). */
export type TokenSet = OAuth2TokenSet;

export type ExchangeResult = { ok: true; tokens: TokenSet; metadata: Record<string, string> } | { ok: false; error: UpstreamError };
