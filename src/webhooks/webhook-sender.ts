import { createHttpSender, type HttpSender } from '../outbound/http-sender.js';
import type { DestinationPolicy } from '../outbound/destination-guard.js';

/** What receivers see as the caller of every delivery. */
export const WEBHOOK_USER_AGENT = 'Doorway-Webhooks/1';

/** One delivery's budget (connect, send, response headers): codat-spec §6.5. */
export const WEBHOOK_TIMEOUT_MS = 15_000;

export interface WebhookSenderOptions extends DestinationPolicy {
  timeoutMs?: number;
  /** Concurrent connections per origin. */
  maxSocketsPerOrigin?: number;
}

/** The outbound sender with the webhook defaults: our user agent and the 15-second attempt. */
export function createWebhookSender(options: WebhookSenderOptions): HttpSender {
  return createHttpSender({ ...options, userAgent: WEBHOOK_USER_AGENT, timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS });
}
