import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (the scheme Svix and Codat use, codat-spec §6.6):
 * `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)), key = base64-decode(secret
 * without `whsec_`). Several secrets give several space-separated entries, which is how a
 * receiver still holding the previous secret keeps verifying during a rotation.
 */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

const SECRET_PREFIX = 'whsec_';

/** The raw HMAC key of a `whsec_…` secret (the prefix is optional, as in the reference libraries). */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('Webhook signing secret is empty');
  return key;
}

/** One `v1,<base64>` signature entry. The body is signed byte for byte, never re-serialised. */
export function signPayload(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secretKey(secret)).update(`${messageId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${digest}`;
}

/**
 * The three headers of one attempt. `secrets` is ordered newest first; the timestamp is the
 * attempt's own (receivers reject ones more than 5 minutes off), while the id is the message's
 * and stays the same across retries so receivers can de-duplicate.
 */
export function signatureHeaders(messageId: string, timestampSeconds: number, body: string, secrets: readonly string[]): WebhookSignatureHeaders {
  if (secrets.length === 0) throw new Error('At least one signing secret is required');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => signPayload(secret, messageId, timestampSeconds, body)).join(' '),
  };
}
