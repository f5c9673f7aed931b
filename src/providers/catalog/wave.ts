import type { ProviderDefinitionInput } from '../schema.js';

/** Wave only lets businesses on a paid Pro (or Advisors) plan authorise third-party apps. */
export const wave = {
  key: 'pbtz',
  name: 'Wave',
  sourceType: 'Accounting',
  docsUrl: 'https://developer.waveapps.com/',
  auth: {
    type: 'oauth2',
    // Both endpoints end in a slash, exactly as Wave documents them.
    authorizationUrl: 'https://api.waveapps.com/oauth2/authorize/',
    tokenUrl: 'https://api.waveapps.com/oauth2/token/',
    // Wave scopes are resource:operation and `write` does not imply `read`, so list each read.
    scopes: ['business:read', 'account:read', 'customer:read', 'invoice:read', 'product:read', 'transaction:read', 'vendor:read', 'user:read'],
  },
  // One GraphQL endpoint; the business is an argument of each query, so there is no header to pin.
  api: { baseUrl: 'https://gql.waveapps.com/graphql/public' },
} satisfies ProviderDefinitionInput;
