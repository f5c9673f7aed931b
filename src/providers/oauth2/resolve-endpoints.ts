import type { ProviderDefinition } from '../schema.js';
import { publicPaths, trimTrailingSlash } from '../../domain/public-urls.js';
import { renderTemplate } from '../url-template.js';
import type { ResolvedOAuth2 } from './types.js';

export interface ResolveOAuth2Options {
  /** Doorway's public base URL; the built-in Sandbox's endpoints live under it. */
  publicUrl: string;
  /** What the SMB entered in the connection form, for `${connectionConfig.x}` placeholders. */
  connectionConfig?: Record<string, string>;
  /** Scopes configured for this integration; null or absent means the definition's defaults. */
  scopesOverride?: string[] | null;
}

function renderValues(values: Readonly<Record<string, string>>, connectionConfig: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, renderTemplate(value, connectionConfig)]));
}

/**
 * Turns a provider definition into the concrete settings for one authorization.
 * Throws if the provider does not use OAuth (`credentials`) or a placeholder has no value: both
 * are mistakes of the caller, not failures of the platform.
 */
export function resolveOAuth2(provider: ProviderDefinition, options: ResolveOAuth2Options): ResolvedOAuth2 {
  const { auth } = provider;
  const scopes = options.scopesOverride ?? null;
  if (auth.type === 'sandbox') {
    // Doorway's own simulated platform (src/http/sandbox): PKCE and Basic auth, like most real ones.
    const base = trimTrailingSlash(options.publicUrl);
    return {
      authorizationUrl: publicPaths.sandboxAuthorize(base),
      tokenUrl: publicPaths.sandboxToken(base),
      scopes: [...(scopes ?? auth.scopes)],
      scopeSeparator: ' ',
      pkce: true,
      tokenEndpointAuth: 'client_secret_basic',
      authorizationParams: {},
      tokenParams: {},
      callbackMetadata: [],
      tokenResponseMetadata: [...auth.tokenResponseMetadata],
      codeParam: 'code',
    };
  }
  if (auth.type !== 'oauth2') throw new Error(`Provider ${provider.key} does not use OAuth 2 (auth type "${auth.type}")`);
  const connectionConfig = options.connectionConfig ?? {};
  return {
    authorizationUrl: renderTemplate(auth.authorizationUrl, connectionConfig),
    tokenUrl: renderTemplate(auth.tokenUrl, connectionConfig),
    scopes: [...(scopes ?? auth.scopes)],
    scopeSeparator: auth.scopeSeparator,
    pkce: auth.pkce,
    tokenEndpointAuth: auth.tokenEndpointAuth,
    authorizationParams: renderValues(auth.authorizationParams, connectionConfig),
    tokenParams: renderValues(auth.tokenParams, connectionConfig),
    callbackMetadata: [...auth.callbackMetadata],
    tokenResponseMetadata: [...auth.tokenResponseMetadata],
    codeParam: auth.codeParam,
  };
}

/**
 * The platform's RFC 7009 endpoint with placeholders filled, or null when it has none (or a value
 * is missing). The built-in Sandbox's is Doorway's own, under `publicUrl`.
 */
export function resolveRevocationUrl(provider: ProviderDefinition, connectionConfig: Record<string, string>, publicUrl: string): string | null {
  if (provider.auth.type === 'sandbox') return publicPaths.sandboxRevoke(trimTrailingSlash(publicUrl));
  if (provider.auth.type !== 'oauth2' || provider.auth.revocationUrl === undefined) return null;
  try {
    return renderTemplate(provider.auth.revocationUrl, connectionConfig);
  } catch {
    return null;
  }
}
