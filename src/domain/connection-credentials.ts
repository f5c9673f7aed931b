/**
 * What Doorway holds to act for a Linked connection, sealed at rest (see
 * services/connections/connection-credentials.ts). One of two kinds, told apart by `kind`:
 *
 * - `oauth2`: the token set the OAuth engine (providers/oauth2) obtained. A refresh replaces it
 *   with a new one (see `renewTokenSet`).
 * - `fields`: values typed into a platform's connection form (API keys, store URLs), or given by
 *   the client to `PUT /authorization`.
 */

/** The tokens one token-endpoint response gave, as the OAuth engine returns them. */
export interface OAuth2TokenSet {
  accessToken: string;
  /** Null when the response carried none; after a refresh, keep the previous one in that case. */
  refreshToken: string | null;
  /** Lower-cased, as oauth4webapi normalises it (`bearer`); the scheme is case-insensitive. */
  tokenType: string;
  /** ISO-8601; null when the platform did not say (`expires_in` absent). */
  expiresAt: string | null;
  /** The granted scopes as the platform wrote them (space-separated), null when not stated. */
  scope: string | null;
  /** Kept verbatim and NOT validated: Doorway connects data, it does not log people in. */
  idToken: string | null;
}

export interface OAuth2Credentials extends OAuth2TokenSet {
  kind: 'oauth2';
  /**
   * When Doorway obtained this token set (ISO), so a refresh margin can be weighed against the
   * token's lifetime (domain/token-refresh.ts). Absent on rows sealed before it was recorded.
   */
  obtainedAt?: string | undefined;
}

export interface FieldCredentials {
  kind: 'fields';
  /** Field name → value, as entered; secret and non-secret fields alike. */
  fields: Record<string, string>;
}

export type ConnectionCredentials = OAuth2Credentials | FieldCredentials;

export const oauth2Credentials = (tokens: OAuth2TokenSet, obtainedAt?: string): OAuth2Credentials => ({
  kind: 'oauth2',
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  tokenType: tokens.tokenType,
  expiresAt: tokens.expiresAt,
  scope: tokens.scope,
  idToken: tokens.idToken,
  ...(obtainedAt === undefined ? {} : { obtainedAt }),
});

export const fieldCredentials = (fields: Record<string, string>): FieldCredentials => ({ kind: 'fields', fields: { ...fields } });

/**
 * The credentials after a refresh: the new tokens, keeping the previous refresh token when the
 * response carried none (RFC 6749 §6 lets a server keep the old one valid instead of rotating).
 */
export function renewTokenSet(previous: OAuth2Credentials, refreshed: OAuth2TokenSet, obtainedAt?: string): OAuth2Credentials {
  return oauth2Credentials({ ...refreshed, refreshToken: refreshed.refreshToken ?? previous.refreshToken }, obtainedAt);
}
