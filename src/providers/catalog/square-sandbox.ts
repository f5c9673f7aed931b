import type { ProviderDefinitionInput } from '../schema.js';
import { square } from './square.js';

/** Square's sandbox is a separate host with separate app credentials; otherwise identical. */
export const squareSandbox = {
  ...square,
  key: 'xcwv',
  name: 'Square Sandbox',
  isSandbox: true,
  auth: {
    ...square.auth,
    authorizationUrl: 'https://connect.squareupsandbox.com/oauth2/authorize',
    tokenUrl: 'https://connect.squareupsandbox.com/oauth2/token',
  },
  api: { baseUrl: 'https://connect.squareupsandbox.com/v2' },
} satisfies ProviderDefinitionInput;
