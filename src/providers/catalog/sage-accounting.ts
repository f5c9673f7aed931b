import type { ProviderDefinitionInput } from '../schema.js';

export const sageAccounting = {
  key: 'tgff',
  name: 'Sage Accounting',
  sourceType: 'Accounting',
  docsUrl: 'https://developer.sage.com/accounting/guides/authenticating/authentication/',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://www.sageone.com/oauth2/auth/central',
    tokenUrl: 'https://oauth.accounting.sage.com/token',
    // Doorway only reads; Sage's alternative is full_access.
    scopes: ['readonly'],
    // Limits Sage's country picker to regions served by API v3.1, the version Doorway talks to.
    authorizationParams: { filter: 'apiv3.1' },
    // Sage returns a new refresh token with every refresh; keep only the latest.
    refreshTokenRotates: true,
    // Refresh tokens last 31 days (`refresh_token_expires_in`), renewed with each refresh.
    refreshTokenIdleExpiryDays: 31,
    revocationUrl: 'https://oauth.accounting.sage.com/revoke',
    // A Sage user may own several businesses; the lead business is the one API calls read by default.
    connectionInfoRequest: {
      url: 'https://api.accounting.sage.com/v3.1/business',
      headers: { Accept: 'application/json' },
      pick: { businessId: 'id', businessName: 'name' },
    },
  },
  api: {
    baseUrl: 'https://api.accounting.sage.com/v3.1',
    // Pins every call to the business authorized, even if the user's lead business changes later.
    headers: { 'X-Business': '${connectionInfo.businessId}', Accept: 'application/json' },
  },
  organisationField: 'businessId',
} satisfies ProviderDefinitionInput;
