import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_RETENTION_MS, type IdempotencyRecord } from '../../domain/idempotency.js';
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
 * Runs one write under an idempotency key: `work` runs in one transaction with the store bound
 * to it, and its answer is stored in that same transaction. So the write and the answer that
 * describes it commit together, or neither does: a crash after the commit still leaves the
 * answer for the retry. A failure (not kept) frees the key for a retry. The claim comes first:
 * - where transactions run one at a time (SQLite: one connection, group commit), inside that
 *   same transaction: no other request can see it in progress (a concurrent retry runs after it
 *   and finds the answer), a crash before the commit leaves nothing, and it costs no commit;
 * - elsewhere (PostgreSQL, many processes), committed on its own first, so a concurrent retry
 *   in any process sees it running (409) instead of waiting on its row lock; a crash before the
 *   write commits leaves that claim until its lease lapses (`IDEMPOTENCY_LEASE_MS`).
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
  const claim = (store: Store) =>
    store.idempotencyKeys.claim(
      { clientId, key: request.key, requestHash: request.requestHash, status: 'in-progress', responseStatus: null, responseBody: null, created, expires: toIso(new Date(now.getTime() + IDEMPOTENCY_LEASE_MS)) },
      created,
    );
  const writeAndRecord = async (tx: Store): Promise<IdempotentOutcome> => {
    const result = await work(tx);
    if (!result.keep) throw new NotKept(result);
    const expires = toIso(new Date(deps.clock.now().getTime() + IDEMPOTENCY_RETENTION_MS));
    if (!(await tx.idempotencyKeys.complete(clientId, request.key, created, result, expires))) {
      throw new AppError('CONFLICT', 'This request outlived its Idempotency-Key lease and another request took the key; nothing was written.');
    }
    return result;
  };

  if (deps.store.transactionsRunOneAtATime) {
    try {
      return await deps.store.transaction(async (tx): Promise<IdempotentResult> => {
        const claimed = await claim(tx);
        if (!claimed.claimed) return { replayed: true, response: storedAnswer(claimed.existing, request) };
        return { replayed: false, outcome: await writeAndRecord(tx) };
      });
    } catch (error) {
      if (error instanceof NotKept) return { replayed: false, outcome: error.outcome };
      throw error;
    }
  }

  const claimed = await claim(deps.store); // its own statements, committed at once
  if (!claimed.claimed) return { replayed: true, response: storedAnswer(claimed.existing, request) };
  try {
    return { replayed: false, outcome: await deps.store.transaction(writeAndRecord) };
  } catch (error) {
    await deps.store.idempotencyKeys.release(clientId, request.key, created);
    if (error instanceof NotKept) return { replayed: false, outcome: error.outcome };
    throw error;
  }
}

/** The answer of the request holding the key, if it is this request and done: 422 or 409 otherwise. */
function storedAnswer(existing: IdempotencyRecord, request: IdempotentRequest): IdempotentResponse {
  if (existing.requestHash !== request.requestHash) {
    throw new AppError('UNPROCESSABLE', 'This Idempotency-Key was already used with a different request.');
  }
  if (existing.status !== 'done' || existing.responseStatus === null) {
    throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry later.');
  }
  return { status: existing.responseStatus, body: existing.responseBody ?? '' };
}
