import type { ProviderDefinitionInput } from '../schema.js';

export const freeagent = {
  key: 'fbrh',
  name: 'FreeAgent',
  sourceType: 'Accounting',
  docsUrl: 'https://dev.freeagent.com/docs/oauth',
  auth: {
    type: 'oauth2',
    // FreeAgent names its authorisation page "approve_app" and has no scopes: the user's own
    // FreeAgent permissions decide what the app can read.
    authorizationUrl: 'https://api.freeagent.com/v2/approve_app',
    tokenUrl: 'https://api.freeagent.com/v2/token_endpoint',
    // FreeAgent authenticates the app with an HTTP Basic header on the token endpoint.
    tokenEndpointAuth: 'client_secret_basic',
  },
  // One FreeAgent login reads one company, so there is no organisation to pin.
  api: { baseUrl: 'https://api.freeagent.com/v2', headers: { Accept: 'application/json' } },
} satisfies ProviderDefinitionInput;
