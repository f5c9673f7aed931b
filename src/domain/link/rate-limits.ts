/**
 * Fixed-window limits on what anonymous Link visitors can create, counted per client address in
 * the database (`rate_limits`, one row per bucket) so they hold across processes. The pruner
 * deletes a bucket once its window is older than the longest window here.
 */
export interface RateLimitRule {
  /** Bucket prefix: a bucket is `${name}:…:${address}`. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Opening a Link page (company, connection or Invite URL) stores a session: LINK_SESSIONS_PER_MINUTE per address. */
export const linkSessionRateLimit = (perMinute: number): RateLimitRule => ({ name: 'link-session', limit: perMinute, windowMs: 60_000 });

/** Naming a company on the Invite page creates it: 20 an hour per address and client. */
export const INVITE_RATE_LIMIT: RateLimitRule = { name: 'invite', limit: 20, windowMs: 3_600_000 };

export const LONGEST_RATE_LIMIT_WINDOW_MS = Math.max(linkSessionRateLimit(0).windowMs, INVITE_RATE_LIMIT.windowMs);

/** The start of the fixed window `now` falls in, as ISO text. */
export function rateLimitWindowStart(rule: RateLimitRule, now: Date): string {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs).toISOString();
}
