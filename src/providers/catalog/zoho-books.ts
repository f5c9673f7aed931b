import type { ProviderDefinitionInput } from '../schema.js';

export const zohoBooks = {
  key: 'rwuv',
  name: 'Zoho Books',
  sourceType: 'Accounting',
  docsUrl: 'https://www.zoho.com/books/api/v3/oauth/',
  // Zoho accounts live in one data centre each, with its own accounts host; the user must pick theirs.
  connectionConfig: [
    {
      name: 'extension',
      label: 'Zoho data centre',
      type: 'select',
      options: [
        { value: 'com', label: 'United States (zoho.com)' },
        { value: 'eu', label: 'Europe (zoho.eu)' },
        { value: 'in', label: 'India (zoho.in)' },
        { value: 'com.au', label: 'Australia (zoho.com.au)' },
        { value: 'com.cn', label: 'China (zoho.com.cn)' },
        { value: 'jp', label: 'Japan (zoho.jp)' },
      ],
      help: 'The domain you sign in to Zoho with.',
    },
  ],
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://accounts.zoho.${connectionConfig.extension}/oauth/v2/auth',
    tokenUrl: 'https://accounts.zoho.${connectionConfig.extension}/oauth/v2/token',
    revocationUrl: 'https://accounts.zoho.${connectionConfig.extension}/oauth/v2/token/revoke',
    scopes: ['ZohoBooks.settings.READ', 'ZohoBooks.contacts.READ', 'ZohoBooks.invoices.READ', 'ZohoBooks.bills.READ', 'ZohoBooks.banking.READ', 'ZohoBooks.accountants.READ'],
    // Zoho's docs join scopes with commas.
    scopeSeparator: ',',
    // access_type=offline is what makes Zoho issue a refresh token at all; prompt=consent makes it
    // issue a fresh one on reconnect instead of only on the very first consent.
    authorizationParams: { prompt: 'consent', access_type: 'offline' },
    // The callback and token response name the user's real accounts server and API host, which
    // later calls should use rather than guessing from the extension.
    callbackMetadata: ['accounts-server', 'location'],
    tokenResponseMetadata: ['api_domain'],
    // The organisation is not in the callback or token response; the first one the user belongs to is read.
    connectionInfoRequest: {
      url: '${connectionInfo.api_domain}/books/v3/organizations',
      pick: { organizationId: 'organizations.0.organization_id', organizationName: 'organizations.0.name' },
    },
  },
  api: {
    // The token response's API host is the user's data centre (www.zohoapis.eu, …).
    baseUrl: '${connectionInfo.api_domain}/books/v3',
    // Zoho Books takes the organisation as this header instead of an organization_id query parameter.
    headers: { 'X-com-zoho-books-organizationid': '${connectionInfo.organizationId}' },
    tokenScheme: 'Zoho-oauthtoken',
  },
  organisationField: 'organizationId',
} satisfies ProviderDefinitionInput;
