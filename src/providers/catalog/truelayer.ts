import type { ProviderDefinitionInput } from '../schema.js';

/**
 * TrueLayer Data API: open-banking access through a standard authorisation-code flow on TrueLayer's
 * auth server, which then sends the user on to their bank. Consent lasts 90 days, after which the
 * user must re-authorise.
 */
export const truelayer = {
  key: 'upvr',
  name: 'TrueLayer',
  sourceType: 'Banking',
  docsUrl: 'https://docs.truelayer.com/',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://auth.truelayer.com/',
    tokenUrl: 'https://auth.truelayer.com/connect/token',
    // offline_access is what yields a refresh token.
    scopes: ['accounts', 'balance', 'transactions', 'info', 'offline_access'],
    // TrueLayer's auth link must say which bank groups to offer; these are all UK open-banking and
    // OAuth banks. Operators serving other markets override this definition.
    authorizationParams: { providers: 'uk-ob-all uk-oauth-all' },
    // A refresh returns a new refresh token; keep only the latest.
    refreshTokenRotates: true,
  },
  // Each authorization creates new bank credentials (a new credentials_id), so there is no stable
  // organisation id to pin a reconnect to.
  api: { baseUrl: 'https://api.truelayer.com/data/v1' },
} satisfies ProviderDefinitionInput;
