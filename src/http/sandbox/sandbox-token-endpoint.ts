import { toIso } from '../../domain/clock.js';
import { randomToken } from '../../domain/ids.js';
import type { SandboxGrant } from '../../domain/sandbox-grant.js';
import { computeS256Challenge } from '../../providers/oauth2/pkce.js';
import { SANDBOX_CODE_TTL_SECONDS, signSandboxToken, verifySandboxToken, type SandboxTokenVerification } from '../../providers/sandbox/sandbox-tokens.js';
import type { ServiceDeps } from '../../services/deps.js';
import {
  authenticateClientRequest,
  oauthError,
  reply,
  safeEqual,
  type OAuthClientSettings,
  type OAuthEndpointReply,
  type OAuthEndpointRequest,
} from './sandbox-client-auth.js';

/** The Sandbox token endpoint (RFC 6749 §3.2), free of the HTTP framework so it is easy to test. */

export type SandboxGrants = ServiceDeps['store']['sandboxGrants'];

/** What the Sandbox's endpoints need: its one client, its signing key, its grants and lifetimes. */
export interface SandboxServerSettings extends OAuthClientSettings {
  signingKey: Buffer;
  grants: SandboxGrants;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export type { OAuthEndpointReply as TokenEndpointReply, OAuthEndpointRequest as TokenEndpointRequest } from './sandbox-client-auth.js';

const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

function invalidGrant(reason: Exclude<SandboxTokenVerification<'code'>, { ok: true }>['reason'], what: string): OAuthEndpointReply {
  return oauthError(400, 'invalid_grant', reason === 'expired' ? `The ${what} has expired` : `The ${what} is not valid`);
}

const expiryAfter = (now: Date, seconds: number) => toIso(new Date(now.getTime() + seconds * 1000));

/** An access token for `scope` (the grant's, or narrower) and the grant's current refresh token. */
function issueTokens(settings: SandboxServerSettings, grant: SandboxGrant, scope: string, now: Date): OAuthEndpointReply {
  const { signingKey, accessTokenTtlSeconds, refreshTokenTtlSeconds } = settings;
  const clientId = grant.oauthClientId;
  const accessToken = signSandboxToken(signingKey, { kind: 'access', grantId: grant.id, clientId, dataset: grant.dataset, scope }, now, accessTokenTtlSeconds);
  const refreshToken = signSandboxToken(
    signingKey,
    { kind: 'refresh', grantId: grant.id, generation: grant.refreshGeneration, clientId },
    now,
    refreshTokenTtlSeconds,
  );
  return reply(200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: accessTokenTtlSeconds,
    refresh_token: refreshToken,
    scope,
    // The sample company chosen on the consent page: the organisation this grant reads.
    dataset: grant.dataset,
  });
}

async function redeemCode(settings: SandboxServerSettings, form: URLSearchParams, clientId: string, now: Date): Promise<OAuthEndpointReply> {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) return oauthError(400, 'invalid_request', 'code is required');
  if (!redirectUri) return oauthError(400, 'invalid_request', 'redirect_uri is required');
  const verified = verifySandboxToken(settings.signingKey, code, 'code', now);
  if (!verified.ok) return invalidGrant(verified.reason, 'authorization code');
  const claims = verified.claims;
  if (claims.clientId !== clientId) return oauthError(400, 'invalid_grant', 'The authorization code was issued to another client');
  if (claims.redirectUri !== redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
  const verifier = form.get('code_verifier');
  if (verifier === null || !CODE_VERIFIER.test(verifier) || !safeEqual(computeS256Challenge(verifier), claims.codeChallenge)) {
    return oauthError(400, 'invalid_grant', 'PKCE verification failed');
  }
  const grant: SandboxGrant = {
    id: randomToken(16),
    oauthClientId: clientId,
    dataset: claims.dataset,
    scope: claims.scope,
    refreshGeneration: 0,
    created: toIso(now),
    expiresAt: expiryAfter(now, settings.refreshTokenTtlSeconds),
    revokedAt: null,
  };
  await settings.grants.insert(grant);
  return issueTokens(settings, grant, grant.scope, now);
}

/** RFC 6749 §6: a narrower scope may be requested, never a wider one. */
function narrowedScope(granted: string, requested: string | null): string | null {
  if (requested === null) return granted;
  const grantedSet = new Set(granted.split(' '));
  const asked = requested.split(' ').filter((s) => s !== '');
  if (asked.length === 0 || asked.some((s) => !grantedSet.has(s))) return null;
  return asked.join(' ');
}

/**
 * Rotation: the refresh token must carry the grant's current generation, and the swap to the next
 * generation is one compare-and-swap, so of two concurrent uses of one token exactly one wins.
 * The loser, and any later use of a retired token, gets `invalid_grant`.
 */
async function useRefreshToken(settings: SandboxServerSettings, form: URLSearchParams, clientId: string, now: Date): Promise<OAuthEndpointReply> {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) return oauthError(400, 'invalid_request', 'refresh_token is required');
  const verified = verifySandboxToken(settings.signingKey, refreshToken, 'refresh', now);
  if (!verified.ok) return invalidGrant(verified.reason, 'refresh token');
  const claims = verified.claims;
  if (claims.clientId !== clientId) return oauthError(400, 'invalid_grant', 'The refresh token was issued to another client');
  const grant = await settings.grants.findById(claims.grantId);
  if (!grant || grant.expiresAt <= toIso(now)) return oauthError(400, 'invalid_grant', 'The refresh token has expired');
  if (grant.revokedAt !== null) return oauthError(400, 'invalid_grant', 'The refresh token has been revoked');
  const retired = oauthError(400, 'invalid_grant', 'The refresh token has already been used; use the one issued with it');
  if (grant.refreshGeneration !== claims.generation) return retired;
  const scope = narrowedScope(grant.scope, form.get('scope'));
  if (scope === null) return oauthError(400, 'invalid_scope', 'The requested scope exceeds the original grant');
  const expiresAt = expiryAfter(now, settings.refreshTokenTtlSeconds);
  if (!(await settings.grants.rotate(grant.id, claims.generation, expiresAt, toIso(now)))) return retired;
  return issueTokens(settings, { ...grant, refreshGeneration: claims.generation + 1, expiresAt }, scope, now);
}

export async function handleTokenRequest(settings: SandboxServerSettings, request: OAuthEndpointRequest, now: Date): Promise<OAuthEndpointReply> {
  const authenticated = authenticateClientRequest(settings, request);
  if (!authenticated.ok) return authenticated.reply;
  const { form, clientId } = authenticated;
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required');
  if (grantType === 'authorization_code') return redeemCode(settings, form, clientId, now);
  if (grantType === 'refresh_token') return useRefreshToken(settings, form, clientId, now);
  return oauthError(400, 'unsupported_grant_type', `The Sandbox does not support grant_type ${grantType}`);
}

/** Signs the code the consent page hands to the redirect URI. */
export function signSandboxCode(settings: Pick<SandboxServerSettings, 'signingKey'>, claims: Parameters<typeof signSandboxToken>[1] & { kind: 'code' }, now: Date): string {
  return signSandboxToken(settings.signingKey, claims, now, SANDBOX_CODE_TTL_SECONDS);
}
