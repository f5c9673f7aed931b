/** When Doorway may retry a proxied request on the client's behalf (`Doorway-Retries`), and how long it waits. */

/** Methods whose repetition has the effect of one request (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Longest wait Doorway accepts; a platform that asks for more gets its answer back to the client instead. */
export const MAX_RETRY_DELAY_MS = 10_000;
const FIRST_BACKOFF_MS = 250;

export const isRetriableStatus = (status: number): boolean => status === 429 || status >= 500;

/** `Retry-After` as a delay in ms (seconds or an HTTP date, RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The wait before retry number `attempt` (0-based): what the platform asked for, else an
 * exponential backoff. Undefined: do not retry (it asked for longer than MAX_RETRY_DELAY_MS).
 */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, nowMs: number): number | undefined {
  const asked = parseRetryAfter(retryAfter, nowMs);
  if (asked !== undefined) return asked <= MAX_RETRY_DELAY_MS ? asked : undefined;
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_BACKOFF_MS * 2 ** attempt);
}
