import type { ProviderDefinitionInput } from '../schema.js';
import { bankingSandbox } from './banking-sandbox.js';
import { commerceSandbox } from './commerce-sandbox.js';
import { exactOnline } from './exact-online.js';
import { freeagent } from './freeagent.js';
import { freshbooks } from './freshbooks.js';
import { myob } from './myob.js';
import { quickbooksOnlineSandbox } from './quickbooks-online-sandbox.js';
import { quickbooksOnline } from './quickbooks-online.js';
import { sageAccounting } from './sage-accounting.js';
import { sandbox } from './sandbox.js';
import { shopify } from './shopify.js';
import { squareSandbox } from './square-sandbox.js';
import { square } from './square.js';
import { stripeTest } from './stripe-test.js';
import { stripe } from './stripe.js';
import { truelayer } from './truelayer.js';
import { wave } from './wave.js';
import { woocommerce } from './woocommerce.js';
import { xero } from './xero.js';
import { zohoBooks } from './zoho-books.js';

/**
 * Every provider Doorway ships, in the order Link lists them. Plaid is deliberately absent: its Link
 * token and public-token exchange are neither OAuth nor a credentials form, so it needs its own
 * auth type rather than a dishonest fit into these.
 */
export const BUILT_IN_PROVIDERS: readonly ProviderDefinitionInput[] = [
  sandbox,
  commerceSandbox,
  bankingSandbox,
  xero,
  quickbooksOnline,
  quickbooksOnlineSandbox,
  freeagent,
  sageAccounting,
  zohoBooks,
  myob,
  exactOnline,
  wave,
  freshbooks,
  shopify,
  square,
  squareSandbox,
  stripe,
  stripeTest,
  truelayer,
  woocommerce,
];
