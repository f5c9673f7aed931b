import type { ServiceDeps } from '../deps.js';

/** Link use-cases also need the public URL (callback, sandbox) and the sandbox's own OAuth app. */
export interface LinkDeps extends ServiceDeps {
  publicUrl: string;
  sandboxOAuthApp: { clientId: string; clientSecret: string };
}

export const oauthCallbackUrl = (publicUrl: string) => `${publicUrl}/link/oauth/callback`;
