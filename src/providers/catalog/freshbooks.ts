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
  },
} satisfies ProviderDefinitionInput;
