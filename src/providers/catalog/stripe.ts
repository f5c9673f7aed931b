import type { ProviderDefinitionInput } from '../schema.js';

/** Stripe Connect OAuth (Standard accounts): the platform reads the merchant's Stripe account. */
export const stripe = {
  key: 'exgd',
  name: 'Stripe',
  sourceType: 'Commerce',
  docsUrl: 'https://docs.stripe.com/connect/oauth-reference',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://connect.stripe.com/oauth/authorize',
    tokenUrl: 'https://connect.stripe.com/oauth/token',
    // No revocationUrl: Stripe disconnects through /oauth/deauthorize with the platform's secret key
    // and the account id, which is not RFC 7009 revocation.
    scopes: ['read_only'],
    // The connected account's id (`acct_…`) comes only in the token response; API calls name it in
    // the Stripe-Account header.
    tokenResponseMetadata: ['stripe_user_id'],
  },
  // The access token is the connected account's own key, so it needs no Stripe-Account header.
  api: { baseUrl: 'https://api.stripe.com/v1' },
  organisationField: 'stripe_user_id',
} satisfies ProviderDefinitionInput;
