import { randomBytes } from 'node:crypto';
import { refreshAccessToken } from './refresh-token.js';
import type { OAuthAppCredentials, ResolvedOAuth2 } from './types.js';
import { describeUpstreamError } from './upstream-error.js';

/**
 * What a platform's token endpoint said about an OAuth app: it authenticated the app
 * (`accepted`), refused it (`rejected`), or said nothing either way (`unknown`: unreachable, not
 * OAuth, or an error that comes before client authentication).
 */
export type ClientCredentialsVerdict =
  | { verdict: 'accepted' }
  | { verdict: 'rejected'; error: string; description: string }
  | { verdict: 'unknown'; reason: string };

/** Errors a token endpoint gives when the client id or secret is wrong (or the app may not use this grant). */
const REJECTING_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

export interface ProbeParams {
  now: Date;
  /** How the request leaves (the destination-guarded fetch); default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Checks an app's client id and secret without a user: a refresh-token grant with a refresh token
 * that cannot exist. RFC 6749 §5.2 has the server authenticate the client before it looks at the
 * grant, so `invalid_grant` means the app got through and `invalid_client` (or a bare 401) means
 * it did not. Nothing is stored; a platform cannot grant anything for a token it never issued.
 */
export async function probeClientCredentials(config: ResolvedOAuth2, app: OAuthAppCredentials, p: ProbeParams): Promise<ClientCredentialsVerdict> {
  const refreshToken = `doorway-credentials-check-${randomBytes(16).toString('hex')}`;
  const result = await refreshAccessToken(config, app, { refreshToken, now: p.now, ...(p.fetch ? { fetch: p.fetch } : {}) });
  if (result.ok) return { verdict: 'accepted' };
  const { error } = result;
  if (error.kind === 'oauth_error') {
    if (error.error === 'invalid_grant') return { verdict: 'accepted' };
    if (REJECTING_ERRORS.has(error.error) || error.status === 401) {
      return { verdict: 'rejected', error: error.error, description: describeUpstreamError(error).errorMessage };
    }
    return { verdict: 'unknown', reason: `the token endpoint answered "${error.error}", which does not tell whether the app is right (${describeUpstreamError(error).errorMessage})` };
  }
  if (error.kind === 'unexpected_response' && error.status === 401) {
    return { verdict: 'rejected', error: 'HTTP 401', description: 'The token endpoint refused the client id and secret (HTTP 401)' };
  }
  return { verdict: 'unknown', reason: error.message };
}
