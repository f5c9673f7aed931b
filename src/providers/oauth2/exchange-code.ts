import * as oauth from 'oauth4webapi';
import { callTokenEndpoint, tokenEndpoint } from './token-endpoint.js';
import type { ExchangeResult, OAuthAppCredentials, ResolvedOAuth2 } from './types.js';
import { boundedText } from './upstream-error.js';

export interface ExchangeCodeParams {
  /** Exactly the redirect_uri sent in the authorization request. */
  redirectUri: string;
  /** The PKCE verifier; required when `oauth.pkce`, sent whenever given. */
  codeVerifier: string | null;
  /** The query of the request that hit Doorway's callback. */
  callbackParams: URLSearchParams;
  now: Date;
  /** How the request leaves (the destination-guarded fetch); default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/** Callback query values the definition asked to keep (e.g. QuickBooks' `realmId`). */
function callbackMetadata(params: URLSearchParams, names: readonly string[]): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value !== null) metadata[name] = value;
  }
  return metadata;
}

/**
 * Turns the callback of an authorization into tokens. The caller has already matched `state` to
 * its link session (that check, and its single use, live with the session, not here).
 *
 * A callback carrying `error` (the SMB cancelled, the platform failed) is returned as an
 * `oauth_error` with a null status, without calling the token endpoint.
 */
export async function exchangeAuthorizationCode(
  config: ResolvedOAuth2,
  app: OAuthAppCredentials,
  p: ExchangeCodeParams,
): Promise<ExchangeResult> {
  const callbackError = p.callbackParams.get('error');
  if (callbackError !== null) {
    const description = p.callbackParams.get('error_description');
    return {
      ok: false,
      error: { kind: 'oauth_error', status: null, error: boundedText(callbackError), description: description === null ? null : boundedText(description) },
    };
  }
  const code = p.callbackParams.get(config.codeParam);
  if (!code) {
    return {
      ok: false,
      error: { kind: 'oauth_error', status: null, error: 'invalid_request', description: `The callback carried no "${config.codeParam}" parameter` },
    };
  }
  if (config.pkce && p.codeVerifier === null) throw new Error('This provider uses PKCE: pass the verifier created with the challenge');

  const endpoint = tokenEndpoint(config, app, p.fetch);
  // Only the code is handed to oauth4webapi. Its validateAuthResponse would otherwise compare
  // `state` (already checked by the caller against the link session) and an `iss` parameter with
  // our stand-in issuer (the token URL's origin), which real platforms need not match. The code
  // is renamed to `code` so platforms with another parameter name (Amazon's spapi_oauth_code) work.
  const validated = oauth.validateAuthResponse(endpoint.as, endpoint.client, new URLSearchParams({ code }), oauth.expectNoState);
  const result = await callTokenEndpoint({
    endpoint,
    send: () =>
      oauth.authorizationCodeGrantRequest(
        endpoint.as,
        endpoint.client,
        endpoint.clientAuth,
        validated,
        p.redirectUri,
        p.codeVerifier ?? oauth.nopkce,
        endpoint.requestOptions,
      ),
    // No expectedNonce/maxAge/requireIdToken: the plain OAuth 2 path, not the OpenID one.
    process: (response) => oauth.processAuthorizationCodeResponse(endpoint.as, endpoint.client, response),
    now: p.now,
    tokenResponseMetadata: config.tokenResponseMetadata,
    secrets: [app.clientSecret, code, p.codeVerifier],
  });
  if (!result.ok) return result;
  return { ...result, metadata: { ...callbackMetadata(p.callbackParams, config.callbackMetadata), ...result.metadata } };
}
