import type { PublicUrls } from '../../domain/public-urls.js';
import type { ServiceDeps } from '../deps.js';

/** Link use-cases also need every URL Doorway mints (the OAuth callback among them). */
export interface LinkDeps extends ServiceDeps {
  /** Every URL Doorway mints (the OAuth callback among them), under `publicUrl`. */
  urls: PublicUrls;
  /** Link pages one client address may open per minute (LINK_SESSIONS_PER_MINUTE); 0: unlimited. */
  linkSessionsPerMinute: number;
  /** Days Link events are kept before the pruner deletes them (LINK_EVENT_RETENTION_DAYS). */
  linkEventRetentionDays: number;
}
