/**
 * Everything that can go wrong talking to a platform's authorization server, sorted into the only
 * three classes callers need (Arctic's split): could not reach it, it said no in OAuth terms, or it
 * answered something that is not OAuth. Only this sorted form leaves the engine.
 */
export type UpstreamError =
  /** DNS failure, connection refused or reset, TLS failure, or no answer within 15 seconds. */
  | { kind: 'network'; message: string }
  /**
   * An RFC 6749 error: from the token endpoint's JSON body (`status` is its HTTP status), or from
   * the callback's query, e.g. `access_denied` when the SMB cancels (`status` is null).
   */
  | { kind: 'oauth_error'; status: number | null; error: string; description: string | null }
  /** HTML instead of JSON, a 5xx with garbage, a 200 without `access_token`, and so on. */
  | { kind: 'unexpected_response'; status: number; message: string };

/** Codat's `dataConnectionErrors` entry, less the timestamps and status the caller adds. */
export interface UpstreamErrorDescription {
  statusCode: string;
  statusText: string;
  errorMessage: string;
}

/** Plain-language messages for the RFC 6749 / 6750 / OIDC error codes, used when there is no description. */
const OAUTH_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  access_denied: 'User cancelled',
  invalid_request: 'The platform rejected the request as malformed',
  invalid_client: 'The platform did not accept the OAuth client credentials configured for this integration',
  invalid_grant: 'The authorization code or refresh token is invalid, expired or already used',
  unauthorized_client: 'The OAuth client is not allowed to use this grant type',
  unsupported_grant_type: 'The platform does not support this grant type',
  unsupported_response_type: 'The platform does not support the authorization code flow for this client',
  invalid_scope: 'The platform rejected the requested scopes',
  server_error: 'The platform had an internal error',
  temporarily_unavailable: 'The platform is temporarily unavailable',
  login_required: 'The user is not signed in to the platform',
  consent_required: 'The user did not grant consent',
};

const MAX_MESSAGE_LENGTH = 500;

/** Upstream text goes into API responses and webhooks: keep it to one bounded line. */
export function boundedText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : oneLine;
}

/**
 * Removes secrets Doorway sent (client secret, code, verifier, refresh token) from text a platform
 * sent back, in case its error description echoes the request.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real secrets and codes are long.
    if (secret && secret.length >= 8) result = result.split(secret).join('[redacted]');
  }
  return result;
}

function describeOAuthError(e: Extract<UpstreamError, { kind: 'oauth_error' }>): UpstreamErrorDescription {
  const errorMessage = e.description ?? OAUTH_ERROR_MESSAGES[e.error] ?? `The platform returned the OAuth error "${e.error}"`;
  if (e.status === null) {
    // From the callback: the authorization page itself refused or failed.
    if (e.error === 'access_denied') return { statusCode: '403', statusText: 'User cancelled linking', errorMessage };
    if (e.error === 'server_error' || e.error === 'temporarily_unavailable') {
      return { statusCode: '502', statusText: `Authorization failed (${e.error})`, errorMessage };
    }
    return { statusCode: '400', statusText: `Authorization failed (${e.error})`, errorMessage };
  }
  return { statusCode: String(e.status), statusText: `Token request rejected (${e.error})`, errorMessage };
}

/** The failure as a `dataConnectionErrors` entry: `statusCode` is a string, as in Codat's API. */
export function describeUpstreamError(e: UpstreamError): UpstreamErrorDescription {
  switch (e.kind) {
    case 'oauth_error':
      return describeOAuthError(e);
    case 'network':
      return { statusCode: '502', statusText: 'Platform unreachable', errorMessage: e.message };
    case 'unexpected_response':
      return { statusCode: '502', statusText: 'Unexpected response from platform', errorMessage: e.message };
  }
}
