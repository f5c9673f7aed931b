import type { PublicUrls } from '../../domain/public-urls.js';
import type { ServiceDeps } from '../deps.js';

/** Link use-cases also need the public URL (callback, sandbox) and the sandbox's own OAuth app. */
export interface LinkDeps extends ServiceDeps {
  publicUrl: string;
  /** Every URL Doorway mints (the OAuth callback among them), under `publicUrl`. */
  urls: PublicUrls;
  sandboxOAuthApp: { clientId: string; clientSecret: string };
  /** Link pages one client address may open per minute (LINK_SESSIONS_PER_MINUTE); 0: unlimited. */
  linkSessionsPerMinute: number;
}
