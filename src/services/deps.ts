import type { Clock } from '../domain/clock.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { CompanyAccessTokens } from '../security/company-access-tokens.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Store } from '../storage/ports.js';

/** Everything a use-case may touch, passed in explicitly (no module-level singletons). */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  providers: ProviderRegistry;
  secrets: SecretBox;
  accessTokens: CompanyAccessTokens;
}

/** The tenant on whose behalf a use-case runs, established by authentication. */
export interface Actor {
  clientId: string;
}
