import type { ProviderDefinitionInput } from '../schema.js';
import { quickbooksOnline } from './quickbooks-online.js';

/**
 * Intuit's developer sandbox companies use the same OAuth endpoints as production (only the API host
 * differs: sandbox-quickbooks.api.intuit.com), so this reuses QuickBooks Online's auth as is.
 */
export const quickbooksOnlineSandbox = {
  ...quickbooksOnline,
  key: 'ndsk',
  name: 'QuickBooks Online Sandbox',
  isSandbox: true,
} satisfies ProviderDefinitionInput;
