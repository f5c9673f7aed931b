import type { ProviderDefinitionInput } from '../schema.js';
import { SANDBOX_PATHS } from '../sandbox/sandbox-endpoints.js';

/** Codat's Commerce Sandbox (`aiwb`): the simulated platform for the commerce step of Link. */
export const commerceSandbox = {
  key: 'aiwb',
  name: 'Commerce Sandbox',
  sourceType: 'Commerce',
  isSandbox: true,
  dataProvidedBy: 'Doorway',
  // The consent page's choice comes back in the token response; a reconnect must keep it.
  auth: { type: 'sandbox', tokenResponseMetadata: ['dataset'] },
  organisationField: 'dataset',
  api: { baseUrl: SANDBOX_PATHS.apiBase },
} satisfies ProviderDefinitionInput;
