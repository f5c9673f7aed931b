import { publicPaths, trimTrailingSlash } from '../../domain/public-urls.js';
import { SANDBOX_SCOPE_DESCRIPTIONS, SANDBOX_DEFAULT_SCOPES } from '../../providers/sandbox/sandbox-endpoints.js';

/** A validated authorization request, as the consent page carries it into its form. */
export interface SandboxAuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** Space-separated, every scope known to the Sandbox. */
  scope: string;
  state: string | null;
  codeChallenge: string;
}

export type AuthorizationRequestCheck =
  | { ok: true; request: SandboxAuthorizationRequest }
  /** Nothing can be trusted to redirect to: show an error page (400). */
  | { ok: false; outcome: 'page'; message: string }
  /** The client and redirect URI are good: report the error to the client (RFC 6749 §4.1.2.1). */
  | { ok: false; outcome: 'redirect'; redirectUri: string; state: string | null; error: string; description: string };

export interface AuthorizationServerSettings {
  clientId: string;
  publicUrl: string;
}

const SINGLE_VALUED = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];
/** RFC 7636 §4.2: 43 characters of base64url for an S256 challenge. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Only Doorway's own callback, under the configured public URL, is acceptable: the raw value must
 * start with `${publicUrl}/link/oauth/callback`, and once parsed have that exact origin and path
 * (so `/callback-evil`, `/callback/../x`, userinfo or a fragment cannot slip through).
 */
export function isDoorwayCallback(redirectUri: string, publicUrl: string): boolean {
  const expected = publicPaths.oauthCallback(trimTrailingSlash(publicUrl));
  if (!redirectUri.startsWith(expected) || !URL.canParse(redirectUri)) return false;
  const actual = new URL(redirectUri);
  const wanted = new URL(expected);
  return (
    actual.origin === wanted.origin &&
    actual.pathname === wanted.pathname &&
    actual.username === '' &&
    actual.password === '' &&
    actual.hash === '' &&
    !redirectUri.includes('#')
  );
}

/** Validates the parameters of GET (query) and POST (form) alike; hidden fields are never trusted. */
export function checkAuthorizationRequest(params: URLSearchParams, settings: AuthorizationServerSettings): AuthorizationRequestCheck {
  const duplicated = SINGLE_VALUED.find((name) => params.getAll(name).length > 1);
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (duplicated === 'client_id' || duplicated === 'redirect_uri') {
    return { ok: false, outcome: 'page', message: `The request repeats the ${duplicated} parameter.` };
  }
  if (!clientId) return { ok: false, outcome: 'page', message: 'The request does not say which application is asking (client_id is missing).' };
  if (clientId !== settings.clientId) {
    return { ok: false, outcome: 'page', message: 'The application asking for access is not registered with this Sandbox (unknown client_id).' };
  }
  if (!redirectUri) return { ok: false, outcome: 'page', message: 'The request does not say where to return (redirect_uri is missing).' };
  if (!isDoorwayCallback(redirectUri, settings.publicUrl)) {
    return { ok: false, outcome: 'page', message: "The request's redirect_uri is not this Doorway's OAuth callback, so the Sandbox will not send you there." };
  }

  const state = params.get('state');
  const refuse = (error: string, description: string): AuthorizationRequestCheck => ({
    ok: false,
    outcome: 'redirect',
    redirectUri,
    state,
    error,
    description,
  });
  if (duplicated) return refuse('invalid_request', `The ${duplicated} parameter is repeated`);
  const responseType = params.get('response_type');
  if (!responseType) return refuse('invalid_request', 'response_type is required');
  if (responseType !== 'code') return refuse('unsupported_response_type', 'Only response_type=code is supported');
  const codeChallenge = params.get('code_challenge');
  if (!codeChallenge || params.get('code_challenge_method') !== 'S256') {
    return refuse('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256');
  }
  if (!S256_CHALLENGE.test(codeChallenge)) return refuse('invalid_request', 'code_challenge is not a valid S256 challenge');
  const requested = (params.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
  const scopes = requested.length > 0 ? [...new Set(requested)] : [...SANDBOX_DEFAULT_SCOPES];
  const unknown = scopes.find((scope) => !Object.hasOwn(SANDBOX_SCOPE_DESCRIPTIONS, scope));
  if (unknown !== undefined) return refuse('invalid_scope', `Unknown scope "${unknown}"`);
  return { ok: true, request: { clientId, redirectUri, scope: scopes.join(' '), state, codeChallenge } };
}

/** The client's redirect URI with the response parameters added (state echoed when sent). */
export function redirectWith(redirectUri: string, state: string | null, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (state !== null) url.searchParams.set('state', state);
  return url.href;
}
