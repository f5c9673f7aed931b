import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_RETENTION_MS } from '../../domain/idempotency.js';
import type { Store } from '../../storage/ports.js';
import type { Actor, ServiceDeps } from '../deps.js';

/** An answer as it is stored and replayed. */
export interface IdempotentResponse {
  status: number;
  body: string;
}

/** What the request produced: `keep` says whether it is the answer to remember (a success). */
export interface IdempotentOutcome extends IdempotentResponse {
  keep: boolean;
}

export interface IdempotentRequest {
  key: string;
  /** Hash of what the key names (method, path, body): a different request under it is a 422. */
  requestHash: string;
}

export type IdempotentResult = { replayed: true; response: IdempotentResponse } | { replayed: false; outcome: IdempotentOutcome };

/** Signals a request whose outcome is not kept: its transaction rolls back, its claim is freed. */
class NotKept extends Error {
  constructor(readonly outcome: IdempotentOutcome) {
    super('not kept');
  }
}

/**
 * Runs one write under an idempotency key. The key is claimed first (committed on its own, so a
 * concurrent retry in any process sees it running: 409); then `work` runs in one transaction
 * with the store bound to it, and its answer is stored in that same transaction. So the write
 * and the answer that describes it commit together, or neither does: a crash after the commit
 * still leaves the answer for the retry, a crash before it leaves an in-progress claim whose
 * lease lapses (`IDEMPOTENCY_LEASE_MS`). A failure (not kept) frees the key for a retry.
 */
export async function runIdempotently(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  request: IdempotentRequest,
  work: (store: Store) => Promise<IdempotentOutcome>,
): Promise<IdempotentResult> {
  const { clientId } = actor;
  const now = deps.clock.now();
  const created = toIso(now);
  const claim = await deps.store.idempotencyKeys.claim(
    { clientId, key: request.key, requestHash: request.requestHash, status: 'in-progress', responseStatus: null, responseBody: null, created, expires: toIso(new Date(now.getTime() + IDEMPOTENCY_LEASE_MS)) },
    created,
  );
  if (!claim.claimed) {
    const { existing } = claim;
    if (existing.requestHash !== request.requestHash) {
      throw new AppError('UNPROCESSABLE', 'This Idempotency-Key was already used with a different request.');
    }
    if (existing.status !== 'done' || existing.responseStatus === null) {
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry later.');
    }
    return { replayed: true, response: { status: existing.responseStatus, body: existing.responseBody ?? '' } };
  }
  try {
    const outcome = await deps.store.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.keep) throw new NotKept(result);
      const expires = toIso(new Date(deps.clock.now().getTime() + IDEMPOTENCY_RETENTION_MS));
      if (!(await tx.idempotencyKeys.complete(clientId, request.key, created, result, expires))) {
        throw new AppError('CONFLICT', 'This request outlived its Idempotency-Key lease and another request took the key; nothing was written.');
      }
      return result;
    });
    return { replayed: false, outcome };
  } catch (error) {
    await deps.store.idempotencyKeys.release(clientId, request.key, created);
    if (error instanceof NotKept) return { replayed: false, outcome: error.outcome };
    throw error;
  }
}
