import type { ResolvedOAuth2 } from './types.js';

export interface AuthorizationUrlParams {
  clientId: string;
  redirectUri: string;
  state: string;
  /** Required when `oauth.pkce`; ignored otherwise. */
  codeChallenge?: string;
}

/**
 * The URL the SMB's browser is sent to. Query parameters already in the provider's URL are kept;
 * the definition's `authorizationParams` are added after Doorway's own (the schema forbids them
 * from naming Doorway's parameters, so they cannot override state or redirect_uri).
 */
export function buildAuthorizationUrl(oauth: ResolvedOAuth2, p: AuthorizationUrlParams): string {
  const url = new URL(oauth.authorizationUrl);
  const query = url.searchParams;
  query.set('response_type', 'code');
  query.set('client_id', p.clientId);
  query.set('redirect_uri', p.redirectUri);
  if (oauth.scopes.length > 0) query.set('scope', oauth.scopes.join(oauth.scopeSeparator));
  query.set('state', p.state);
  if (oauth.pkce) {
    // Silently dropping PKCE would weaken every connection made this way; fail loudly instead.
    if (!p.codeChallenge) throw new Error('This provider uses PKCE: pass the S256 codeChallenge from createPkcePair()');
    query.set('code_challenge', p.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(oauth.authorizationParams)) query.set(name, value);
  return url.href;
}
