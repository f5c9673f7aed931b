import { LinkApiError } from '../../../link/src/api';
import type { ErrorCallbackArgs } from '../codat-props';

/**
 * Statuses after which this mount cannot go on: the token is missing, expired, revoked or for
 * another company (401), the origin or session is refused (403), the company is gone (404).
 * The page should unmount and mount again with a fresh token; everything else can be retried.
 */
const FATAL_STATUSES = new Set([401, 403, 404]);

/** Codat's `ErrorCallbackArgs` for any failure: `errorCode` is the HTTP status when there was one. */
export function toErrorCallbackArgs(error: unknown, userRecoverable?: boolean): ErrorCallbackArgs {
  if (error instanceof LinkApiError) {
    return {
      ...(error.correlationId ? { correlationId: error.correlationId } : {}),
      message: error.message || (error.code === 'network_error' ? 'Doorway could not be reached.' : `The request failed (${error.code}).`),
      ...(error.status > 0 ? { errorCode: error.status } : {}),
      userRecoverable: userRecoverable ?? !FATAL_STATUSES.has(error.status),
    };
  }
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'Something went wrong.';
  return { message, userRecoverable: userRecoverable ?? true };
}
