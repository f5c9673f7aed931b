import * as oauth from 'oauth4webapi';
import { TOKEN_REQUEST_TIMEOUT_MS, tokenEndpoint } from './token-endpoint.js';
import type { OAuthAppCredentials, ResolvedOAuth2 } from './types.js';
import { boundedText, redactSecrets } from './upstream-error.js';

export interface RevokeParams {
  /** The resolved revocation endpoint (`auth.revocationUrl`, placeholders filled). */
  revocationUrl: string;
  token: string;
  tokenTypeHint: 'refresh_token' | 'access_token';
  /** How the request leaves (the destination-guarded fetch); default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/** A failure is for the operator's log: host and reason, never the token or the client secret. */
export type RevokeResult = { ok: true } | { ok: false; message: string };

/**
 * RFC 7009 revocation at the platform, with the same client authentication as its token
 * endpoint (Basic or post). Revoking the refresh token ends the grant on most platforms, access
 * tokens included. Never throws for what the platform or the network does.
 */
export async function revokeToken(config: ResolvedOAuth2, app: OAuthAppCredentials, p: RevokeParams): Promise<RevokeResult> {
  const endpoint = tokenEndpoint(config, app, p.fetch);
  const url = new URL(p.revocationUrl);
  const as: oauth.AuthorizationServer = { ...endpoint.as, revocation_endpoint: url.href };
  const scrub = (text: string) => boundedText(redactSecrets(text, [p.token, app.clientSecret]));
  try {
    const response = await oauth.revocationRequest(as, endpoint.client, endpoint.clientAuth, p.token, {
      additionalParameters: { token_type_hint: p.tokenTypeHint },
      signal: () => AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
      [oauth.allowInsecureRequests]: url.protocol === 'http:',
      ...(p.fetch ? { [oauth.customFetch]: p.fetch } : {}),
    });
    await oauth.processRevocationResponse(response);
    return { ok: true };
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) return { ok: false, message: scrub(`${url.host} refused the revocation (HTTP ${error.status}, ${error.error})`) };
    const cause = (error as { cause?: { code?: string } }).cause;
    const detail = cause?.code ?? (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return { ok: false, message: scrub(`Revocation at ${url.host} failed (${detail})`) };
  }
}
