import type { ProviderDefinitionInput } from '../schema.js';

export const myob = {
  key: 'pdvj',
  name: 'MYOB',
  sourceType: 'Accounting',
  docsUrl: 'https://developer.myob.com/api/myob-business-api/api-overview/authentication/',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://secure.myob.com/oauth2/account/authorize',
    // Not a typo: MYOB's token endpoint really is .../v1/authorize.
    tokenUrl: 'https://secure.myob.com/oauth2/v1/authorize',
    // MYOB's granular data scopes; the legacy CompanyFile scope is no longer accepted. An MYOB app
    // must be approved for each scope it asks for.
    scopes: ['sme-company-file', 'sme-company-settings', 'sme-general-ledger', 'sme-banking', 'sme-sales', 'sme-purchases', 'sme-contacts-customer', 'sme-contacts-supplier'],
    // Forces MYOB to show the consent (and business picker) again on reconnect.
    authorizationParams: { prompt: 'consent' },
    // The business the user picked comes back on the callback and is part of every API base URL.
    callbackMetadata: ['businessId'],
  },
  api: {
    baseUrl: 'https://api.myob.com/accountright/${connectionInfo.businessId}',
    headers: { 'x-myobapi-version': 'v2', Accept: 'application/json' },
    // MYOB also wants the app's client id (its "API key") on every call.
    clientIdHeader: 'x-myobapi-key',
  },
  organisationField: 'businessId',
} satisfies ProviderDefinitionInput;
