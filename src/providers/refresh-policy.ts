import type { ProviderDefinition } from './schema.js';

/** How Doorway keeps one platform's OAuth tokens usable, with every default applied. */
export interface RefreshPolicy {
  /** Renew this long before the access token expires (see `effectiveMarginMs`). */
  marginSeconds: number;
  /** Each refresh returns a new refresh token and retires the old one. */
  rotates: boolean;
  /** Unused refresh tokens die after this many days; null when they do not. */
  idleExpiryDays: number | null;
  /** RFC 7009 revocation endpoint (a template), or null. */
  revocationUrl: string | null;
}

/** The built-in Sandbox rotates its refresh tokens like the strictest real platforms. */
const SANDBOX_POLICY: RefreshPolicy = { marginSeconds: 900, rotates: true, idleExpiryDays: null, revocationUrl: null };

/** Null for platforms without OAuth tokens (credentials forms). */
export function refreshPolicyOf(provider: ProviderDefinition): RefreshPolicy | null {
  const { auth } = provider;
  if (auth.type === 'sandbox') return SANDBOX_POLICY;
  if (auth.type !== 'oauth2') return null;
  return {
    marginSeconds: auth.refreshMarginSeconds,
    rotates: auth.refreshTokenRotates,
    idleExpiryDays: auth.refreshTokenIdleExpiryDays ?? null,
    revocationUrl: auth.revocationUrl ?? null,
  };
}
