import { AppError } from '../../domain/errors.js';

/**
 * The platform URL a proxied request goes to: the connection's API base URL, the client's path
 * below it, and the client's query string. The client's path is untrusted: nothing in it may
 * leave the base URL's origin or climb above its path, however it is spelt.
 */

// Dot segments in any spelling (`.`, `..`, `%2e`, `%2E.`), checked per raw segment after decoding dots only.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
// Encoded slash or backslash: a platform (or a front proxy) may decode them into separators.
const ENCODED_SEPARATOR = /%(?:2f|5c)/i;
// NUL and every other C0 control or DEL, raw or percent-encoded.
const CONTROL = /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i;
const RAW_CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function refuse(reason: string): never {
  throw new AppError('BAD_REQUEST', `The proxied path is not allowed: ${reason}.`);
}

/** Throws a 400 `AppError` for any path that could escape the base URL. `rawPath` is as received (still percent-encoded). */
export function checkProxiedPath(rawPath: string): void {
  if (rawPath.startsWith('/')) refuse('it must not start with a slash');
  if (SCHEME.test(rawPath)) refuse('it must be a path, not an absolute URL');
  if (rawPath.includes('\\')) refuse('it must not contain a backslash');
  if (ENCODED_SEPARATOR.test(rawPath)) refuse('it must not contain an encoded slash or backslash');
  if (CONTROL.test(rawPath)) refuse('it must not contain control characters');
  for (const segment of rawPath.split('/')) {
    if (DOT_SEGMENT.test(segment)) refuse('it must not contain "." or ".." segments');
  }
  // A malformed escape (`%zz`) means something different to every parser on the way: refuse it.
  try {
    decodeURIComponent(rawPath);
  } catch {
    refuse('it contains an invalid percent-encoding');
  }
}

/**
 * `baseUrl` (ending in `/`) + `rawPath` + `rawQuery` (with its `?`, or empty), checked again on
 * the parsed result: same origin, path still under the base path.
 */
export function buildProxiedUrl(baseUrl: URL, rawPath: string, rawQuery: string): URL {
  checkProxiedPath(rawPath);
  // Encoded bytes in the query are the platform's business; raw control characters never are.
  if (rawQuery.includes('#') || RAW_CONTROL.test(rawQuery)) {
    refuse('the query string contains characters that are not allowed');
  }
  const target = new URL(`${baseUrl.origin}${baseUrl.pathname}${rawPath}${rawQuery}`);
  if (target.origin !== baseUrl.origin || !target.pathname.startsWith(baseUrl.pathname)) refuse('it leaves the platform API');
  return target;
}
