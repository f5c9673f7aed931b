/**
 * Where Doorway's built-in Sandbox authorization server lives, relative to Doorway's public URL.
 * Shared by the OAuth engine (which points `type: 'sandbox'` providers here) and the HTTP routes.
 */
export const SANDBOX_PATHS = {
  authorize: '/sandbox/oauth/authorize',
  token: '/sandbox/oauth/token',
  stylesheet: '/sandbox/assets/sandbox.css',
  company: '/sandbox/api/company',
  accounts: '/sandbox/api/accounts',
  invoices: '/sandbox/api/invoices',
} as const;

/** What Doorway asks the Sandbox for by default. */
export const SANDBOX_DEFAULT_SCOPES: readonly string[] = ['accounting.read', 'offline_access'];

/** Every scope the Sandbox understands, with the wording shown on its consent page. */
export const SANDBOX_SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'accounting.read': 'Read accounting data: company, chart of accounts and invoices',
  'banking.read': 'Read banking data',
  'commerce.read': 'Read commerce data',
  offline_access: 'Keep access when you are not using the application',
};

/** Doorway's OAuth callback: the only redirect URI the Sandbox accepts (under the public URL). */
export const OAUTH_CALLBACK_PATH = '/link/oauth/callback';

/** `https://doorway.example/` and `https://doorway.example` name the same base. */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
