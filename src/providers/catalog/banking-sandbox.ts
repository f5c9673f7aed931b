import type { ProviderDefinitionInput } from '../schema.js';

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
  auth: { type: 'sandbox' },
} satisfies ProviderDefinitionInput;
