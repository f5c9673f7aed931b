import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../domain/errors.js';

/**
 * Reads a JSON body and checks it with `schema`. Every problem becomes a field message (the zod
 * path joined with dots), so the page can show each beside its input.
 */
export async function readPortalBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if (!(c.req.header('Content-Type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
  return checkPortalInput(schema, body);
}

/** Reads the query string (one value per name) and checks it with `schema`, like a body. */
export function readPortalQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return checkPortalInput(schema, c.req.query());
}

function checkPortalInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const validation = parsed.error.issues.map((issue) => ({
    itemId: issue.path.length > 0 ? issue.path.join('.') : null,
    message: issue.message,
    validatorName: issue.code,
  }));
  throw new AppError('BAD_REQUEST', validation[0]?.message ?? 'The request was invalid.', { validation });
}
