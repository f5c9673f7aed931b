import type { ProviderDefinitionInput } from '../schema.js';

/**
 * Codat lists this key as "Exact (Netherlands)"; Exact UK has its own key (`pbbf`). Exact has no
 * OAuth scopes: access follows the user's Exact rights. Its access tokens last 10 minutes and it is
 * strict about refreshing early, so the refresher should wait until shortly before expiry.
 */
export const exactOnline = {
  key: 'qudb',
  name: 'Exact Online',
  sourceType: 'Accounting',
  // Each country runs its own Exact Online instance, so the host depends on the user's country.
  connectionConfig: [
    {
      name: 'extension',
      label: 'Exact Online country',
      type: 'select',
      options: [
        { value: 'nl', label: 'Netherlands (exactonline.nl)' },
        { value: 'be', label: 'Belgium (exactonline.be)' },
        { value: 'de', label: 'Germany (exactonline.de)' },
        { value: 'fr', label: 'France (exactonline.fr)' },
        { value: 'es', label: 'Spain (exactonline.es)' },
        { value: 'co.uk', label: 'United Kingdom (exactonline.co.uk)' },
        { value: 'com', label: 'United States (exactonline.com)' },
      ],
    },
  ],
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://start.exactonline.${connectionConfig.extension}/api/oauth2/auth',
    tokenUrl: 'https://start.exactonline.${connectionConfig.extension}/api/oauth2/token',
    tokenEndpointAuth: 'client_secret_basic',
    // Every refresh returns a new refresh token and invalidates the previous one.
    refreshTokenRotates: true,
    // Access tokens last 10 minutes and Exact refuses refreshes long before expiry: refresh in the last 30 s.
    refreshMarginSeconds: 30,
    // An unused refresh token expires after 30 days.
    refreshTokenIdleExpiryDays: 30,
    // The administration (division) the user works in names the books every call reads.
    connectionInfoRequest: {
      url: 'https://start.exactonline.${connectionInfo.extension}/api/v1/current/Me?$select=CurrentDivision',
      headers: { Accept: 'application/json' },
      pick: { division: 'd.results.0.CurrentDivision' },
    },
  },
  api: {
    baseUrl: 'https://start.exactonline.${connectionInfo.extension}/api/v1/${connectionInfo.division}',
    // Without it Exact answers in XML.
    headers: { Accept: 'application/json' },
  },
  organisationField: 'division',
} satisfies ProviderDefinitionInput;
