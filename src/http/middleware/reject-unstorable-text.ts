import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../domain/errors.js';

/**
 * Text Doorway cannot store the same way on both databases is refused at the door, with a 400
 * in the surface's own error format (each surface's error handler writes the AppError): U+0000,
 * which PostgreSQL's text cannot hold (SQLite would keep it), and lone UTF-16 surrogates, which
 * have no UTF-8 form. It covers everything a request can carry into storage: the path and query
 * (`%00`; percent-encoded surrogates are invalid UTF-8, which decoding turns into U+FFFD or
 * leaves encoded) and JSON or form bodies, strings and keys alike. Invalid UTF-8 in a body is
 * decoded to U+FFFD, which is storable. Cheap on the hot path: the raw body is read once (it is
 * cached for the validators) and parsed here only when it holds a suspicious escape.
 */
export const UNSTORABLE_TEXT_MESSAGE = 'Text must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates.';

const UNSTORABLE = /[\u0000\p{Cs}]/u;
/** A JSON escape that may decode to U+0000 or a surrogate, or a raw NUL. */
const SUSPECT_JSON = /\\u(?:0000|[dD][89a-fA-F])|\u0000/;
const NUL_IN_URL = /%00|\u0000/;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

export function rejectUnstorableText(): MiddlewareHandler {
  return async (c, next) => {
    if (NUL_IN_URL.test(c.req.url)) throw refused();
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const type = c.req.header('content-type') ?? '';
      if (JSON_TYPE.test(type)) {
        const text = await c.req.text();
        if (SUSPECT_JSON.test(text) && holdsUnstorableText(parseOrUndefined(text))) throw refused();
      } else if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
        if (NUL_IN_URL.test(await c.req.text())) throw refused();
      }
    }
    await next();
  };
}

const refused = () => new AppError('BAD_REQUEST', UNSTORABLE_TEXT_MESSAGE);

/** Malformed JSON is left to the route's validator, which answers it in its own words. */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every string and key of a JSON value; iterative, so however deep the nesting it cannot overflow the stack. */
function holdsUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const child of item) pending.push(child);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (UNSTORABLE.test(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}
