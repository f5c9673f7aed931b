import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../domain/errors.js';
import type { HttpEnv } from './env.js';
import { friendlyPage } from './link/friendly-page.js';

interface BrowserError {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  correlationId: string;
}

/**
 * The Link and Sandbox surfaces answer people, not programs: a message a person can act on,
 * and for unexpected errors nothing of the internals (those go to the log).
 */
function describeForBrowser(c: Context<HttpEnv>, error: unknown): BrowserError {
  const correlationId = c.get('correlationId') ?? 'unknown';
  if (error instanceof AppError) return { status: error.status as ContentfulStatusCode, code: error.code, message: error.message, correlationId };
  if (error instanceof HTTPException) {
    const message = error.status === 413 ? 'That was more data than we accept.' : 'That request was not valid.';
    return { status: error.status as ContentfulStatusCode, code: 'BAD_REQUEST', message, correlationId };
  }
  c.get('log')?.error({ err: error, correlationId }, 'unhandled error');
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. Please try again in a moment.', correlationId };
}

/** For pages: a friendly HTML page naming the reference to quote to support. */
export function respondWithFriendlyPage(c: Context<HttpEnv>, error: unknown): Response {
  const { status, message, correlationId } = describeForBrowser(c, error);
  const title = status === 404 ? 'Link not found' : status === 429 ? 'Please slow down' : status >= 500 ? 'Something went wrong' : 'This link cannot be used';
  return c.html(friendlyPage({ title, message: `${message} (Reference: ${correlationId})` }), status);
}

/** For the Link app's JSON API: a short error the app can show (docs/link-api.md). */
export function respondWithLinkApiError(c: Context<HttpEnv>, error: unknown): Response {
  const { status, code, message, correlationId } = describeForBrowser(c, error);
  return c.json({ error: { code, message, correlationId } }, status);
}
