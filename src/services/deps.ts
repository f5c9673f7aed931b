import type { Clock } from '../domain/clock.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { CompanyAccessTokens } from '../security/company-access-tokens.js';
import type { SecretBox } from '../security/secret-box.js';
import type { DomainEvent } from '../domain/events.js';
import type { WebhookMessage } from '../domain/webhook-message.js';
import type { Store } from '../storage/ports.js';
import type { TokenRefresher } from './connections/token-refresher.js';

/**
 * Records a domain event for webhook delivery. Always call it with the *transaction's* store:
 * the event commits or rolls back with the change that caused it.
 */
export interface EventPublisher {
  publish(store: Store, event: DomainEvent): Promise<void>;
  /** A `webhook.test` event for one consumer only, whatever event types it subscribes to. */
  publishTest(store: Store, target: { clientId: string; consumerId: string }): Promise<WebhookMessage>;
}

/** Where best-effort work after a commit (revoking tokens at a platform) reports failures: the operator's log. Never pass token values. */
export interface OperatorLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Everything a use-case may touch, passed in explicitly (no module-level singletons). */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  providers: ProviderRegistry;
  secrets: SecretBox;
  accessTokens: CompanyAccessTokens;
  events: EventPublisher;
  /** Refreshes Linked connections' OAuth tokens, one refresh per connection at a time (built once per process). */
  tokenRefresher: TokenRefresher;
  /**
   * Every request to a platform (token endpoints, revocation, connectionInfo calls, the API)
   * leaves through this fetch: destination-guarded (outbound/), Doorway's own Sandbox exempt.
   */
  outboundFetch: typeof globalThis.fetch;
  operatorLog: OperatorLog;
  /** Doorway's public base URL: the built-in Sandbox's endpoints (authorize, token, revoke) live under it. */
  publicUrl: string;
  /** The built-in Sandbox's one OAuth app (derived from the deployment key). */
  sandboxOAuthApp: { clientId: string; clientSecret: string };
}

/** The tenant on whose behalf a use-case runs, established by authentication. */
export interface Actor {
  clientId: string;
}
