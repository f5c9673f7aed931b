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
  },
} satisfies ProviderDefinitionInput;
