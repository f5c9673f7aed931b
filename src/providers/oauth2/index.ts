/**
 * The one OAuth 2 engine every `oauth2` and `sandbox` provider goes through. Pure of storage and of
 * the HTTP framework: callers pass in the definition, the app credentials and the time, and get
 * URLs, tokens or a sorted `UpstreamError` back.
 */
export { buildAuthorizationUrl } from './authorization-url.js';
export type { AuthorizationUrlParams } from './authorization-url.js';
export { exchangeAuthorizationCode } from './exchange-code.js';
export type { ExchangeCodeParams } from './exchange-code.js';
export { computeS256Challenge, createPkcePair } from './pkce.js';
export { refreshAccessToken } from './refresh-token.js';
export type { RefreshParams } from './refresh-token.js';
export { resolveOAuth2 } from './resolve-endpoints.js';
export type { ResolveOAuth2Options } from './resolve-endpoints.js';
export { TOKEN_REQUEST_TIMEOUT_MS } from './token-endpoint.js';
export type { ExchangeResult, OAuthAppCredentials, ResolvedOAuth2, TokenSet } from './types.js';
export { describeUpstreamError } from './upstream-error.js';
export type { UpstreamError, UpstreamErrorDescription } from './upstream-error.js';
export { CONNECTION_INFO_TIMEOUT_MS, requestConnectionInfo } from './connection-info-request.js';
export type { ConnectionInfoCall, ConnectionInfoRequest, ConnectionInfoResult } from './connection-info-request.js';
export { revokeToken } from './revoke-token.js';
export type { RevokeParams, RevokeResult } from './revoke-token.js';
export { resolveRevocationUrl } from './resolve-endpoints.js';
export { probeClientCredentials } from './probe-client-credentials.js';
export type { ClientCredentialsVerdict, ProbeParams } from './probe-client-credentials.js';
