/**
 * Idempotency keys (the `Idempotency-Key` request header; Stripe's convention, IETF
 * draft-ietf-httpapi-idempotency-key-header). A client names a write with a key; the first
 * request claims the key, and the response it produced is stored with the write itself, so a
 * retry gets that response instead of a second write.
 */
export type IdempotencyStatus = 'in-progress' | 'done';

/** What a claimed key remembers about the request that claimed it and its answer. */
export interface IdempotencyRecord {
  clientId: string;
  key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  requestHash: string;
  status: IdempotencyStatus;
  responseStatus: number | null;
  responseBody: string | null;
  /** When this claim was taken; it also identifies the claim (a taken-over key gets a new one). */
  created: string;
  /** In progress: the end of the claim's lease. Done: when the stored answer may be pruned. */
  expires: string;
}

/** A running request's claim: if its process dies before committing, the key is free again after this. */
export const IDEMPOTENCY_LEASE_MS = 60_000;
/** How long a stored answer is replayed (at least 24 hours, then pruned). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** 1–255 visible ASCII characters (a UUID v4, as Stripe suggests, fits easily). */
export function isValidIdempotencyKey(key: string): boolean {
  return key.length >= 1 && key.length <= 255 && /^[\x21-\x7e]+$/.test(key);
}
