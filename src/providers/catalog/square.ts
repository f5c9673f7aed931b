import type { ProviderDefinitionInput } from '../schema.js';

export const square = {
  key: 'zsth',
  name: 'Square',
  sourceType: 'Commerce',
  docsUrl: 'https://developer.squareup.com/docs/oauth-api/overview',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://connect.squareup.com/oauth2/authorize',
    tokenUrl: 'https://connect.squareup.com/oauth2/token',
    // No revocationUrl: Square's revoke endpoint is not RFC 7009 (it wants an `Authorization: Client`
    // header and the merchant id), so a generic revoker would fail against it.
    scopes: ['MERCHANT_PROFILE_READ', 'PAYMENTS_READ', 'ORDERS_READ', 'ITEMS_READ', 'CUSTOMERS_READ', 'INVENTORY_READ'],
    // Square's PKCE flow is meant for public clients and gives single-use refresh tokens that expire
    // after 90 days; the code flow with a client secret gives long-lived ones.
    pkce: false,
    // Makes the seller sign in rather than reuse whatever Square session the browser has, so they
    // connect the account they mean to.
    authorizationParams: { session: 'false' },
    // The seller's id comes with the tokens.
    tokenResponseMetadata: ['merchant_id'],
  },
  api: { baseUrl: 'https://connect.squareup.com/v2' },
  organisationField: 'merchant_id',
} satisfies ProviderDefinitionInput;
