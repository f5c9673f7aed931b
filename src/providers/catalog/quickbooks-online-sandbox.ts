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
  // Sandbox companies are served from their own API host.
  api: { ...quickbooksOnline.api, baseUrl: 'https://sandbox-quickbooks.api.intuit.com/v3/company/${connectionInfo.realmId}' },
} satisfies ProviderDefinitionInput;
