import type { ProviderDefinitionInput } from '../schema.js';

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
  auth: { type: 'sandbox' },
} satisfies ProviderDefinitionInput;
