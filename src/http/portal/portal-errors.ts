import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../domain/errors.js';
import type { HttpEnv } from '../env.js';

/**
 * The Portal API's error: `{error: {code, message, correlationId, fields?}}`. `fields` maps a
 * form field to its problem, so a page can show it beside what the user typed and keep the rest.
 * Unexpected errors say nothing of the internals (those go to the log, under the correlation id).
 */
export function respondWithPortalApiError<E extends HttpEnv>(c: Context<E>, error: unknown): Response {
  const correlationId = c.get('correlationId') ?? 'unknown';
  if (error instanceof AppError) {
    const fields = error.validation?.length
      ? Object.fromEntries(error.validation.map((item) => [item.itemId ?? 'form', item.message]))
      : undefined;
    return c.json({ error: { code: error.code, message: error.message, correlationId, ...(fields ? { fields } : {}) } }, error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) {
    const message = error.status === 413 ? 'That was more data than we accept.' : 'That request was not valid.';
    return c.json({ error: { code: error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message, correlationId } }, error.status as ContentfulStatusCode);
  }
  c.get('log')?.error({ err: error, correlationId }, 'unhandled error');
  return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again in a moment.', correlationId } }, 500);
}
