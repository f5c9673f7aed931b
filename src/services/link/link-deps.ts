import type { PublicUrls } from '../../domain/public-urls.js';
import type { AuthorizeTickets } from '../../security/authorize-tickets.js';
import type { ServiceDeps } from '../deps.js';

/** Link use-cases also need every URL Doorway mints (the OAuth callback among them). */
export interface LinkDeps extends ServiceDeps {
  /** Every URL Doorway mints (the OAuth callback among them), under `publicUrl`. */
  urls: PublicUrls;
  /** Signs and checks the ticket an embedded session's popup brings to the embedded authorize URL. */
  authorizeTickets: AuthorizeTickets;
  /** Link pages one client address may open per minute (LINK_SESSIONS_PER_MINUTE); 0: unlimited. */
  linkSessionsPerMinute: number;
  /** Days Link events are kept before the pruner deletes them (LINK_EVENT_RETENTION_DAYS). */
  linkEventRetentionDays: number;
}
