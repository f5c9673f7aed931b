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
  },
} satisfies ProviderDefinitionInput;
