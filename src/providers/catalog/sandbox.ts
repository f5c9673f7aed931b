import type { ProviderDefinitionInput } from '../schema.js';
import { SANDBOX_PATHS } from '../sandbox/sandbox-endpoints.js';

/**
 * Codat's accounting Sandbox (key `mqjo`): no third party and no credentials. Doorway's own page
 * lets the tester pick a dataset and authorise, cancel or fail, so every Link path can be driven
 * deterministically.
 */
export const sandbox = {
  key: 'mqjo',
  name: 'Sandbox',
  sourceType: 'Accounting',
  isSandbox: true,
  dataProvidedBy: 'Doorway',
  // The consent page's choice comes back in the token response; a reconnect must keep it.
  auth: { type: 'sandbox', tokenResponseMetadata: ['dataset'] },
  organisationField: 'dataset',
  api: { baseUrl: SANDBOX_PATHS.apiBase },
} satisfies ProviderDefinitionInput;
