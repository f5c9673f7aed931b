import type { ProviderDefinitionInput } from '../schema.js';

export const xero = {
  key: 'gbol',
  name: 'Xero',
  sourceType: 'Accounting',
  docsUrl: 'https://developer.xero.com/documentation/guides/oauth2/auth-flow',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://login.xero.com/identity/connect/authorize',
    tokenUrl: 'https://identity.xero.com/connect/token',
    revocationUrl: 'https://identity.xero.com/connect/revocation',
    // Without offline_access Xero issues no refresh token and the connection dies after 30 minutes.
    scopes: ['offline_access', 'openid', 'accounting.transactions.read', 'accounting.settings.read'],
    // Xero's own guide sends the client credentials as an HTTP Basic header.
    tokenEndpointAuth: 'client_secret_basic',
    // Each refresh returns a new refresh token; the old one only survives a 30-minute grace window.
    refreshTokenRotates: true,
  },
} satisfies ProviderDefinitionInput;
