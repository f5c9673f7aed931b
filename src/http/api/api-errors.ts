import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ERROR_CODES, type ValidationItem } from '../../domain/errors.js';
import type { HttpEnv } from '../env.js';

/**
 * Codat's `ErrorMessage` envelope. Every API error leaves through here, so status, message and
 * correlation id are always consistent, and a 5xx never echoes internals.
 */
export function errorEnvelope(status: number, message: string, correlationId: string, validation?: ValidationItem[]) {
  return {
    statusCode: status,
    service: 'PublicApi',
    error: message,
    correlationId,
    validation: validation ? { errors: validation, warnings: [] } : null,
    canBeRetried: status === 429 || status >= 500 ? 'True' : 'Unknown',
    detailedErrorCode: 0,
  };
}

/** The API surface's error handler: any thrown error becomes the envelope. */
export function respondWithApiError(c: Context<HttpEnv>, error: unknown): Response {
  const correlationId = c.get('correlationId') ?? 'unknown';
  if (error instanceof AppError) {
    return c.json(errorEnvelope(error.status, error.message, correlationId, error.validation), error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const message = status === 400 && /json/i.test(error.message) ? 'Malformed JSON in request body.' : error.message || 'Request failed.';
    return c.json(errorEnvelope(status, message, correlationId), status as ContentfulStatusCode);
  }
  c.get('log')?.error({ err: error, correlationId }, 'unhandled error');
  return c.json(errorEnvelope(500, ERROR_CODES.INTERNAL.message, correlationId), 500);
}
