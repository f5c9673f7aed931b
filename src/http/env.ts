import type { Logger } from 'pino';
import type { Actor, ServiceDeps } from '../services/deps.js';

/** Per-request values set by middleware. */
export interface HttpEnv {
  Variables: {
    correlationId: string;
    actor: Actor;
    log: Logger;
    /** API surface: the deps of this request's use-case (bound to its transaction under an Idempotency-Key). */
    deps: ServiceDeps;
  };
}
