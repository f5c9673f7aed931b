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
    // A refresh token unused for 60 days expires; the refresher exercises it before then.
    refreshTokenIdleExpiryDays: 60,
    // Nothing in the callback or token response names the organisation: Xero's connections list
    // does. The first entry is the tenant just authorized for a single-organisation consent.
    connectionInfoRequest: {
      url: 'https://api.xero.com/connections',
      pick: { tenantId: '0.tenantId', tenantName: '0.tenantName' },
    },
  },
  api: {
    baseUrl: 'https://api.xero.com/api.xro/2.0',
    // Every accounting call names the organisation it reads.
    headers: { 'Xero-tenant-id': '${connectionInfo.tenantId}', Accept: 'application/json' },
  },
  organisationField: 'tenantId',
} satisfies ProviderDefinitionInput;
