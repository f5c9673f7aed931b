import type { ProviderDefinitionInput } from '../schema.js';

export const quickbooksOnline = {
  key: 'qhyg',
  name: 'QuickBooks Online',
  sourceType: 'Accounting',
  docsUrl: 'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://appcenter.intuit.com/connect/oauth2',
    tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    // Intuit documents a JSON body for this endpoint; Doorway sends RFC 7009's form body. Revocation
    // is best effort (the stored tokens are erased regardless), and a refusal is logged.
    revocationUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    // Intuit sets no default scope: without the accounting scope the token can read nothing.
    scopes: ['com.intuit.quickbooks.accounting', 'openid'],
    // Intuit's token endpoint expects the client credentials in an HTTP Basic header.
    tokenEndpointAuth: 'client_secret_basic',
    // The company connected arrives only as `realmId` on the callback; every API call needs it.
    callbackMetadata: ['realmId'],
    // A refresh may return a new refresh token; the previous one dies 24 hours later, so a lost
    // rotation forces the user to reconnect.
    refreshTokenRotates: true,
    // Refresh tokens die after 100 days without use (and, since 2025, five years after issue).
    refreshTokenIdleExpiryDays: 100,
  },
  api: {
    baseUrl: 'https://quickbooks.api.intuit.com/v3/company/${connectionInfo.realmId}',
    // Without it QuickBooks answers in XML.
    headers: { Accept: 'application/json' },
  },
  organisationField: 'realmId',
} satisfies ProviderDefinitionInput;
