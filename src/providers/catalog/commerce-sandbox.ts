import type { ProviderDefinitionInput } from '../schema.js';

/** Codat's Commerce Sandbox (`aiwb`): the simulated platform for the commerce step of Link. */
export const commerceSandbox = {
  key: 'aiwb',
  name: 'Commerce Sandbox',
  sourceType: 'Commerce',
  isSandbox: true,
  dataProvidedBy: 'Doorway',
  auth: { type: 'sandbox' },
} satisfies ProviderDefinitionInput;
