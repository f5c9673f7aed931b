import { AppError } from '../../domain/errors.js';
import { rateLimitWindowStart, type RateLimitRule } from '../../domain/link/rate-limits.js';
import type { ServiceDeps } from '../deps.js';

/** Counts one hit of `rule` for `key` (e.g. a client address) and refuses it with a 429 beyond the limit. */
export async function checkRateLimit(deps: Pick<ServiceDeps, 'store' | 'clock'>, rule: RateLimitRule, key: string, message: string): Promise<void> {
  const hits = await deps.store.rateLimits.hit(`${rule.name}:${key}`, rateLimitWindowStart(rule, deps.clock.now()));
  if (hits > rule.limit) throw new AppError('TOO_MANY_REQUESTS', message);
}
