import * as oauth from 'oauth4webapi';
import { callTokenEndpoint, tokenEndpoint } from './token-endpoint.js';
import type { ExchangeResult, OAuthAppCredentials, ResolvedOAuth2 } from './types.js';

export interface RefreshParams {
  refreshToken: string;
  now: Date;
  /** How the request leaves (the destination-guarded fetch); default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Uses a refresh token. When the result carries a new refresh token (`refreshTokenRotates`
 * platforms always send one) the caller must store it; when it carries none, keep the old one.
 * `metadata` holds the definition's `tokenResponseMetadata` from this response.
 */
export async function refreshAccessToken(config: ResolvedOAuth2, app: OAuthAppCredentials, p: RefreshParams): Promise<ExchangeResult> {
  const endpoint = tokenEndpoint(config, app, p.fetch);
  return callTokenEndpoint({
    endpoint,
    send: () => oauth.refreshTokenGrantRequest(endpoint.as, endpoint.client, endpoint.clientAuth, p.refreshToken, endpoint.requestOptions),
    process: (response) => oauth.processRefreshTokenResponse(endpoint.as, endpoint.client, response),
    now: p.now,
    tokenResponseMetadata: config.tokenResponseMetadata,
    secrets: [app.clientSecret, p.refreshToken],
  });
}
