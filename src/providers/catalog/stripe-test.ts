import type { ProviderDefinitionInput } from '../schema.js';
import { stripe } from './stripe.js';

/**
 * Stripe test mode uses the same OAuth endpoints; what makes it "test" is the platform's test-mode
 * client id and secret key (`sk_test_…`) configured for this integration.
 */
export const stripeTest = {
  ...stripe,
  key: 'yzth',
  name: 'Stripe Test',
  isSandbox: true,
} satisfies ProviderDefinitionInput;
