import type { ProviderDefinitionInput } from '../schema.js';

export const freshbooks = {
  key: 'vxvy',
  name: 'FreshBooks',
  sourceType: 'Accounting',
  docsUrl: 'https://www.freshbooks.com/api/authentication',
  auth: {
    type: 'oauth2',
    // The login page and the token endpoint live on different hosts.
    authorizationUrl: 'https://auth.freshbooks.com/oauth/authorize',
    tokenUrl: 'https://api.freshbooks.com/auth/oauth/token',
    revocationUrl: 'https://api.freshbooks.com/auth/oauth/revoke',
    scopes: ['user:profile:read', 'user:clients:read', 'user:invoices:read', 'user:payments:read', 'user:expenses:read', 'user:bills:read'],
    // FreshBooks refresh tokens are single use: each refresh returns the next one.
    refreshTokenRotates: true,
    // The accounting API names the account in every path; the user's identity lists it.
    connectionInfoRequest: {
      url: 'https://api.freshbooks.com/auth/api/v1/users/me',
      pick: { accountId: 'response.business_memberships.0.business.account_id', businessId: 'response.business_memberships.0.business.id' },
    },
  },
  api: { baseUrl: 'https://api.freshbooks.com' },
  organisationField: 'accountId',
} satisfies ProviderDefinitionInput;
