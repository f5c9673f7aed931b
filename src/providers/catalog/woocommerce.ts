import type { ProviderDefinitionInput } from '../schema.js';

/**
 * WooCommerce is a WordPress plugin on the merchant's own server: there is no central OAuth server,
 * so the merchant creates REST API keys in WooCommerce and enters them in a form.
 */
export const woocommerce = {
  key: 'ltpp',
  name: 'WooCommerce',
  sourceType: 'Commerce',
  docsUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication',
  auth: { type: 'credentials' },
  api: {
    // The store's own address starts the URL (checked to be an http(s) URL when used).
    baseUrl: '${connectionInfo.storeUrl}/wp-json/wc/v3',
    // Over HTTPS WooCommerce takes the key pair as HTTP Basic credentials.
    basicAuth: { usernameField: 'consumerKey', passwordField: 'consumerSecret' },
  },
  // A different store is different books.
  organisationField: 'storeUrl',
  connectionConfig: [
    {
      name: 'storeUrl',
      label: 'Store URL',
      type: 'url',
      // Over HTTPS the keys travel as HTTP Basic auth; plain HTTP would expose them.
      pattern: '^https://',
      example: 'https://shop.example.com',
    },
    {
      // The key alone cannot authenticate (the secret is needed too), so it is stored in clear to
      // help identify which key a connection uses.
      name: 'consumerKey',
      label: 'Consumer key',
      type: 'text',
      pattern: '^ck_[0-9a-f]{40}$',
      example: 'ck_0123456789abcdef0123456789abcdef01234567',
    },
    {
      name: 'consumerSecret',
      label: 'Consumer secret',
      type: 'password',
      secret: true,
      pattern: '^cs_[0-9a-f]{40}$',
    },
  ],
} satisfies ProviderDefinitionInput;
