import { toIso } from '../../domain/clock.js';
import { verifySandboxToken } from '../../providers/sandbox/sandbox-tokens.js';
import { authenticateClientRequest, reply, type OAuthEndpointReply, type OAuthEndpointRequest } from './sandbox-client-auth.js';
import type { SandboxServerSettings } from './sandbox-token-endpoint.js';

/**
 * RFC 7009 token revocation: the client authenticates as at the token endpoint; a refresh or an
 * access token ends its whole grant (§2.1 allows revoking the grant with either), so the refresh
 * token and every access token of it stop working. Expired tokens still revoke (their grant may
 * have a newer live token). An unknown, forged or another client's token is answered 200 and
 * changes nothing (§2.2: the client cannot do anything about it, and it learns nothing).
 */
export async function handleRevocationRequest(settings: SandboxServerSettings, request: OAuthEndpointRequest, now: Date): Promise<OAuthEndpointReply> {
  const authenticated = authenticateClientRequest(settings, request);
  if (!authenticated.ok) return authenticated.reply;
  const { form, clientId } = authenticated;
  const token = form.get('token');
  if (!token) return reply(400, { error: 'invalid_request', error_description: 'token is required' });
  // The token_type_hint only says where to look first (§2.1); both kinds are tried regardless.
  const kinds = form.get('token_type_hint') === 'access_token' ? (['access', 'refresh'] as const) : (['refresh', 'access'] as const);
  for (const kind of kinds) {
    const verified = verifySandboxToken(settings.signingKey, token, kind, now, { ignoreExpiry: true });
    if (verified.ok && verified.claims.clientId === clientId) {
      await settings.grants.revoke(verified.claims.grantId, toIso(now));
      break;
    }
  }
  return reply(200, {});
}
