import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ERROR_CODES, type ValidationItem } from '../domain/errors.js';
import type { HttpEnv } from './env.js';
import { friendlyPage } from './link/friendly-page.js';

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

export function respondWithError(c: Context<HttpEnv>, error: unknown): Response {
  const correlationId = c.get('correlationId') ?? 'unknown';
  if (c.req.path.startsWith('/link/') || c.req.path.startsWith('/sandbox/')) return respondToBrowser(c, error, correlationId);
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

/**
 * Link and Sandbox surfaces answer people, not programs: the Link app's API gets a short JSON
 * error it can show, pages get a friendly HTML page. Unexpected errors never show internals.
 */
function respondToBrowser(c: Context<HttpEnv>, error: unknown, correlationId: string): Response {
  let status = 500;
  let message = 'Something went wrong on our side. Please try again in a moment.';
  let code = 'INTERNAL';
  if (error instanceof AppError) {
    ({ status, message, code } = error);
  } else if (error instanceof HTTPException) {
    status = error.status;
    message = status === 413 ? 'That was more data than we accept.' : 'That request was not valid.';
    code = 'BAD_REQUEST';
  } else {
    c.get('log')?.error({ err: error, correlationId }, 'unhandled error');
  }
  if (c.req.path.startsWith('/link/api/')) return c.json({ error: { code, message, correlationId } }, status as ContentfulStatusCode);
  const title = status === 404 ? 'Link not found' : status === 429 ? 'Please slow down' : status >= 500 ? 'Something went wrong' : 'This link cannot be used';
  return c.html(friendlyPage({ title, message: `${message} (Reference: ${correlationId})` }), status as ContentfulStatusCode);
}
