import * as oauth from 'oauth4webapi';
import type { ExchangeResult, OAuthAppCredentials, ResolvedOAuth2, TokenSet } from './types.js';
import { boundedText, redactSecrets, type UpstreamError } from './upstream-error.js';

/** No platform gets longer than this to answer a token request (headers and body together). */
export const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

/** What oauth4webapi needs to call one platform's token endpoint. */
export interface TokenEndpoint {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  requestOptions: oauth.TokenEndpointRequestOptions;
  host: string;
}

/**
 * HTTP Basic client authentication that percent-encodes only what must be encoded.
 *
 * oauth4webapi's `ClientSecretBasic` follows RFC 6749 §2.3.1 to the letter and form-encodes the
 * id and secret first, which also escapes `-`, `_`, `.`, `~`, `!`, `*`, `'`, `(` and `)`
 * (`doorway-app` becomes `doorway%2Dapp`). Many real token endpoints never decode, so any
 * credential containing those characters (common in client secrets) fails there. encodeURIComponent
 * leaves exactly those characters alone: a compliant server decodes both forms to the same value, and a
 * non-decoding one sees the credential as issued. Only `:`, `%`, `+`, spaces and non-ASCII are escaped.
 */
function clientSecretBasic(clientSecret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const credentials = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(clientSecret)}`;
    headers.set('authorization', `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`);
  };
}

/**
 * No discovery: providers give explicit URLs, so the "authorization server" is just the token
 * endpoint, with the origin standing in for the issuer oauth4webapi requires. That issuer is never
 * compared with anything: id_tokens are detached before processing (see `detachIdToken`) and
 * callbacks are passed through with only their code (see exchange-code.ts).
 */
/** `fetch`: how requests leave (outbound/ passes one that applies the destination guard); default: the global fetch. */
export function tokenEndpoint(config: ResolvedOAuth2, app: OAuthAppCredentials, fetch?: typeof globalThis.fetch): TokenEndpoint {
  const tokenUrl = new URL(config.tokenUrl);
  return {
    as: { issuer: tokenUrl.origin, token_endpoint: tokenUrl.href },
    client: { client_id: app.clientId },
    clientAuth: config.tokenEndpointAuth === 'client_secret_basic' ? clientSecretBasic(app.clientSecret) : oauth.ClientSecretPost(app.clientSecret),
    requestOptions: {
      additionalParameters: config.tokenParams,
      // A factory, so each request gets its own 15 s budget.
      signal: () => AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
      // Plain http only for loopback test servers and a local Doorway's Sandbox; https stays enforced
      // otherwise. (oauth4webapi marks this option deprecated but it is the supported switch in 3.x.)
      [oauth.allowInsecureRequests]: tokenUrl.protocol === 'http:',
      ...(fetch ? { [oauth.customFetch]: fetch } : {}),
    },
    host: tokenUrl.host,
  };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return errorCode((error as { cause?: unknown }).cause);
}

const NETWORK_CODE_MESSAGES: Readonly<Record<string, (host: string) => string>> = {
  ECONNREFUSED: (host) => `${host} refused the connection`,
  ENOTFOUND: (host) => `Could not resolve ${host}`,
  EAI_AGAIN: (host) => `Could not resolve ${host} (temporary DNS failure)`,
  ECONNRESET: (host) => `The connection to ${host} was reset`,
  EHOSTUNREACH: (host) => `${host} is unreachable`,
  ENETUNREACH: (host) => `${host} is unreachable`,
  UND_ERR_CONNECT_TIMEOUT: (host) => `Timed out connecting to ${host}`,
  UND_ERR_SOCKET: (host) => `The connection to ${host} failed`,
  // Which address and range it was is for the operator's log, not for the connection's errors.
  ERR_DESTINATION_REFUSED: (host) => `${host} is not an allowed destination (a private or loopback address; see OUTBOUND_ALLOW_PRIVATE_DESTINATIONS)`,
};

/** A message that names the host and the failure, never a URL query, header or body. */
function networkError(error: unknown, host: string): UpstreamError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'network', message: `${host} did not answer within ${TOKEN_REQUEST_TIMEOUT_MS / 1000} seconds` };
  }
  const code = errorCode(error);
  const known = code ? NETWORK_CODE_MESSAGES[code] : undefined;
  if (known) return { kind: 'network', message: known(host) };
  return { kind: 'network', message: code ? `Could not reach ${host} (${code})` : `Could not reach ${host}` };
}

/** Errors that mean Doorway misused the library (bad URL, bad argument), not that the platform failed. */
function isProgrammingError(error: unknown): boolean {
  if (error instanceof oauth.OperationProcessingError) return true;
  const code = errorCode(error);
  return code === 'ERR_INVALID_ARG_TYPE' || code === 'ERR_INVALID_ARG_VALUE';
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** An RFC 6749 §5.2 error object, wherever it turns up. */
function oauthErrorFromBody(body: Record<string, unknown> | null, status: number): UpstreamError | null {
  if (!body || typeof body.error !== 'string' || body.error === '') return null;
  const description = typeof body.error_description === 'string' ? body.error_description : null;
  return { kind: 'oauth_error', status, error: body.error, description };
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

interface PreparedResponse {
  /** What oauth4webapi processes: the same status, headers and body, minus the id_token. */
  response: Response;
  text: string;
  body: Record<string, unknown> | null;
  idToken: string | null;
  /** Set when a 200 carries an error instead of tokens (Zoho does this). */
  earlyError: UpstreamError | null;
}

/**
 * Buffers the body (so it can be inspected after oauth4webapi fails) and adapts a successful one:
 *
 * - The id_token is detached and kept as a string. oauth4webapi validates any id_token it sees
 *   (issuer, audience, expiry) against the `as` object; we have no discovery document and the
 *   real issuer often differs from the token URL's origin (QuickBooks issues from
 *   `.../op/v1`), so validation would reject valid logins. Doorway never trusts identity claims
 *   from it, only the access and refresh tokens, so not validating it is safe.
 * - A missing `token_type` is read as `Bearer` (Shopify omits it, against RFC 6749 §5.1).
 * - A 200 with `error` and no `access_token` is an OAuth error, not a malformed success.
 */
function prepareResponse(original: Response, text: string): PreparedResponse {
  const { status } = original;
  const rebuilt = (bodyText: string) =>
    new Response(NULL_BODY_STATUSES.has(status) ? null : bodyText, { status, statusText: original.statusText, headers: original.headers });
  const body = parseJsonObject(text);
  if (status !== 200 || body === null) return { response: rebuilt(text), text, body, idToken: null, earlyError: null };
  if (body.access_token === undefined) {
    const earlyError = oauthErrorFromBody(body, status);
    if (earlyError) return { response: rebuilt(text), text, body, idToken: null, earlyError };
  }
  const adapted: Record<string, unknown> = { ...body };
  const idToken = typeof adapted.id_token === 'string' ? adapted.id_token : null;
  delete adapted.id_token;
  if (adapted.token_type === undefined && typeof adapted.access_token === 'string') adapted.token_type = 'Bearer';
  return { response: rebuilt(JSON.stringify(adapted)), text, body, idToken, earlyError: null };
}

function unexpectedResponse(error: unknown, prepared: PreparedResponse): UpstreamError {
  const { status } = prepared.response;
  const contentType = prepared.response.headers.get('content-type') ?? 'none';
  if (status !== 200) {
    return { kind: 'unexpected_response', status, message: `The token endpoint answered HTTP ${status} without an OAuth error (content-type ${contentType})` };
  }
  if (prepared.body === null) {
    return { kind: 'unexpected_response', status, message: `The token endpoint answered HTTP 200 with a body that is not a JSON object (content-type ${contentType})` };
  }
  if (error instanceof oauth.UnsupportedOperationError) {
    return { kind: 'unexpected_response', status, message: 'The token endpoint returned an unsupported token_type' };
  }
  // oauth4webapi's messages name the offending field (e.g. `"response" body "access_token" property
  // must be a string`) and never include values; the body itself is only in `cause`, which we drop.
  const detail = error instanceof Error ? error.message : 'invalid token response';
  return { kind: 'unexpected_response', status, message: `The token endpoint returned an invalid token response: ${detail}` };
}

/** Sorts what oauth4webapi threw while processing a response; rethrows anything that is a bug. */
function classifyProcessingError(error: unknown, prepared: PreparedResponse): UpstreamError {
  const { status } = prepared.response;
  if (error instanceof oauth.ResponseBodyError) {
    return { kind: 'oauth_error', status: error.status, error: error.error, description: error.error_description ?? null };
  }
  // oauth4webapi checks WWW-Authenticate before the body: a 401 invalid_client from a server that
  // (correctly) sends `WWW-Authenticate: Basic` arrives here, with the RFC error still in the body.
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const fromBody = oauthErrorFromBody(prepared.body, status);
    if (fromBody) return fromBody;
    const challenge = error.cause.find((c) => typeof c.parameters.error === 'string');
    if (challenge?.parameters.error) {
      return { kind: 'oauth_error', status, error: challenge.parameters.error, description: challenge.parameters.error_description ?? null };
    }
    return unexpectedResponse(error, prepared);
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.UnsupportedOperationError) {
    // An RFC error body that oauth4webapi will not read: on a 5xx, or with a non-JSON content-type.
    const fromBody = status !== 200 ? oauthErrorFromBody(prepared.body, status) : null;
    return fromBody ?? unexpectedResponse(error, prepared);
  }
  throw error;
}

function toTokenSet(response: oauth.TokenEndpointResponse, idToken: string | null, now: Date): TokenSet {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? null,
    tokenType: response.token_type,
    expiresAt: response.expires_in === undefined ? null : new Date(now.getTime() + response.expires_in * 1000).toISOString(),
    scope: response.scope ?? null,
    idToken,
  };
}

/** Response fields named by the definition, as strings (numbers and booleans converted; objects skipped). */
function pickMetadata(body: Record<string, unknown> | null, names: readonly string[]): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (!body) return metadata;
  for (const name of names) {
    const value = Object.hasOwn(body, name) ? body[name] : undefined;
    if (typeof value === 'string') metadata[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') metadata[name] = String(value);
  }
  return metadata;
}

export interface TokenCall {
  endpoint: TokenEndpoint;
  send: () => Promise<Response>;
  process: (response: Response) => Promise<oauth.TokenEndpointResponse>;
  now: Date;
  tokenResponseMetadata: readonly string[];
  /** Values Doorway sent that must never come back in an error message. */
  secrets: readonly (string | null)[];
}

/** Sends one token request and sorts the outcome; only programming errors are thrown. */
export async function callTokenEndpoint(call: TokenCall): Promise<ExchangeResult> {
  const fail = (error: UpstreamError): ExchangeResult => ({ ok: false, error: scrub(error, call.secrets) });
  let original: Response;
  let text: string;
  try {
    original = await call.send();
    text = await original.text();
  } catch (error) {
    if (isProgrammingError(error)) throw error;
    return fail(networkError(error, call.endpoint.host));
  }
  const prepared = prepareResponse(original, text);
  if (prepared.earlyError) return fail(prepared.earlyError);
  let processed: oauth.TokenEndpointResponse;
  try {
    processed = await call.process(prepared.response);
  } catch (error) {
    return fail(classifyProcessingError(error, prepared));
  }
  return {
    ok: true,
    tokens: toTokenSet(processed, prepared.idToken, call.now),
    metadata: pickMetadata(prepared.body, call.tokenResponseMetadata),
  };
}

function scrub(error: UpstreamError, secrets: readonly (string | null)[]): UpstreamError {
  const clean = (text: string) => boundedText(redactSecrets(text, secrets));
  switch (error.kind) {
    case 'oauth_error':
      return { ...error, error: clean(error.error), description: error.description === null ? null : clean(error.description) };
    case 'network':
    case 'unexpected_response':
      return { ...error, message: clean(error.message) };
  }
}
