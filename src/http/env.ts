import type { Logger } from 'pino';
import type { Actor } from '../services/deps.js';

/** Per-request values set by middleware. */
export interface HttpEnv {
  Variables: {
    correlationId: string;
    actor: Actor;
    log: Logger;
  };
}
