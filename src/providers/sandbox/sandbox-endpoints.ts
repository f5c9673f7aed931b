/** The Sandbox's paths and the public-URL helper live with every other URL Doorway mints. */
export { SANDBOX_PATHS, trimTrailingSlash } from '../../domain/public-urls.js';

/** What Doorway asks the Sandbox for by default. */
export const SANDBOX_DEFAULT_SCOPES: readonly string[] = ['accounting.read', 'offline_access'];

/** Every scope the Sandbox understands, with the wording shown on its consent page. */
export const SANDBOX_SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'accounting.read': 'Read accounting data: company, chart of accounts and invoices',
  'banking.read': 'Read banking data',
  'commerce.read': 'Read commerce data',
  offline_access: 'Keep access when you are not using the application',
};
