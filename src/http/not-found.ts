import type { Context } from 'hono';
import { AppError } from '../domain/errors.js';
import type { HttpEnv } from './env.js';

export type ErrorResponder = (c: Context<HttpEnv>, error: unknown) => Response;

/**
 * A surface's answer for a path no route of it claims, in that surface's own error format.
 * Registered last on a surface (under the surface's prefix), so it runs only when nothing else did.
 */
export const notFoundWith =
  (respond: ErrorResponder) =>
  (c: Context<HttpEnv>): Response =>
    respond(c, new AppError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`));
