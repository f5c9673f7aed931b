import type { PublicUrls } from '../../domain/public-urls.js';
import type { ProviderRegistry } from '../../providers/registry.js';

/** What mappers need to turn domain objects into Codat's wire format. Built once, at start-up. */
export interface WireContext {
  /** The public base URL as configured (the OpenAPI document's server). */
  publicUrl: string;
  /** Every URL a response carries (Link URLs, the OAuth callback, logos) comes from here. */
  urls: PublicUrls;
  providers: ProviderRegistry;
}
