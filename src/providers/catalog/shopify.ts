import type { ProviderDefinitionInput } from '../schema.js';

export const shopify = {
  key: 'fztf',
  name: 'Shopify',
  sourceType: 'Commerce',
  docsUrl: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant',
  // Every shop has its own OAuth host, so Link asks for the shop name before redirecting.
  connectionConfig: [
    {
      name: 'subdomain',
      label: 'Shop name',
      type: 'text',
      // Also keeps the value a single host label, so it cannot redirect the flow to another host.
      pattern: '^[a-z0-9][a-z0-9-]*$',
      example: 'my-store',
      help: 'The part before .myshopify.com in your shop admin address.',
    },
  ],
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://${connectionConfig.subdomain}.myshopify.com/admin/oauth/authorize',
    tokenUrl: 'https://${connectionConfig.subdomain}.myshopify.com/admin/oauth/access_token',
    scopes: ['read_orders', 'read_products', 'read_customers', 'read_inventory'],
    // Shopify takes a comma-separated scope list.
    scopeSeparator: ',',
    // Opts into expiring offline tokens (60 minutes plus a refresh token) instead of a token that
    // never expires, so a leaked token is useful for an hour rather than forever.
    tokenParams: { expiring: '1' },
    // A refresh returns a new refresh token; keep only the latest.
    refreshTokenRotates: true,
  },
  api: {
    // A stable, supported Admin API version; operators move it forward in their providers file.
    baseUrl: 'https://${connectionInfo.subdomain}.myshopify.com/admin/api/2025-07',
    // Shopify takes the bare token in its own header, not `Authorization: Bearer`.
    tokenHeader: 'X-Shopify-Access-Token',
    tokenScheme: '',
  },
  // The shop is the organisation: a reconnect must not switch to another shop.
  organisationField: 'subdomain',
} satisfies ProviderDefinitionInput;
