import type { ProviderDefinitionInput } from '../schema.js';
import { SANDBOX_PATHS } from '../sandbox/sandbox-endpoints.js';

/**
 * Banking Sandbox: the simulated platform for the banking step of Link.
 * Doorway's choice: Codat has a Banking Sandbox but does not document its platform key, so `bnks`
 * is ours. Clients that hard-code Codat's real key will not find it here.
 */
export const bankingSandbox = {
  key: 'bnks',
  name: 'Banking Sandbox',
  sourceType: 'Banking',
  isSandbox: true,
  dataProvidedBy: 'Doorway',
  // The consent page's choice comes back in the token response; a reconnect must keep it.
  auth: { type: 'sandbox', scopes: ['banking.read', 'offline_access'], tokenResponseMetadata: ['dataset'] },
  organisationField: 'dataset',
  api: { baseUrl: SANDBOX_PATHS.apiBase },
} satisfies ProviderDefinitionInput;
