/**
 * When to try a failed job again (for webhooks this is Svix's policy, codat-spec §6.5):
 * - the n-th failure waits `schedule[n - 1]` seconds; past the end of the schedule the job
 *   has failed for good;
 * - ±10 % jitter spreads the retries of a burst so a recovering receiver is not hit all at once;
 * - a `Retry-After` header is honoured only within bounds: never sooner than the (jittered)
 *   scheduled delay, since a receiver must not be able to make us retry faster than the schedule,
 *   and never more than RETRY_AFTER_MAX_EXTENSION_MS beyond the scheduled delay, so it cannot
 *   park a job for days. Anything outside is clamped to the nearest bound.
 */

export const RETRY_JITTER = 0.1;

/** How much later than the schedule a receiver's `Retry-After` may push the next attempt. */
export const RETRY_AFTER_MAX_EXTENSION_MS = 3600 * 1000;

export interface RetryDelayOptions {
  /** The response's `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
  retryAfter?: string | null | undefined;
  /** The time the response arrived, to turn an HTTP-date `Retry-After` into a delay. */
  now?: Date | undefined;
  /** Uniform in [0, 1); injectable so tests are deterministic. 0.5 means no jitter. */
  random?: (() => number) | undefined;
}

/**
 * The delay in ms before the next attempt, given how many attempts have been made (and failed)
 * so far, or `undefined` when the schedule is exhausted.
 */
export function retryDelayMs(attemptCount: number, scheduleSeconds: readonly number[], options: RetryDelayOptions = {}): number | undefined {
  const scheduled = scheduleSeconds[attemptCount - 1];
  if (attemptCount < 1 || scheduled === undefined) return undefined;
  const base = Math.max(0, scheduled) * 1000;
  const random = options.random ?? Math.random;
  const jittered = Math.round(base * (1 + RETRY_JITTER * (2 * random() - 1)));
  const requested = parseRetryAfterMs(options.retryAfter, options.now ?? new Date());
  if (requested === undefined) return jittered;
  return Math.max(jittered, Math.min(requested, base + RETRY_AFTER_MAX_EXTENSION_MS));
}

/** `Retry-After` as a delay in ms from `now` (never negative), or undefined when absent or invalid. */
export function parseRetryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names the weekday or month in letters; this rules out "-5" or "1.5".
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
