import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../../domain/ids.js';

export const SESSION_COOKIE = 'dw_portal_session';
/** Before sign-in there is no session: sign-in and invitation forms use this double-submit value. */
export const PRE_SESSION_CSRF_COOKIE = 'dw_portal_csrf';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * HttpOnly so page scripts never see the session; SameSite=Lax so a link from an email opens
 * the Portal signed in while cross-site POSTs carry no cookie; Secure behind HTTPS; scoped to
 * /portal, so no other surface ever receives it. A session cookie (no Max-Age): the server
 * decides when the session ends.
 */
export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/portal' });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/portal', secure });
}

export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, SESSION_COOKIE);
  return value && TOKEN_SHAPE.test(value) ? value : undefined;
}

/** The pre-session CSRF value, minted with the page that will send it back in a header. */
export function ensurePreSessionCsrf(c: Context, secure: boolean): string {
  const existing = readPreSessionCsrf(c);
  if (existing) return existing;
  const token = randomToken(32);
  setCookie(c, PRE_SESSION_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/portal' });
  return token;
}

export function readPreSessionCsrf(c: Context): string | undefined {
  const value = getCookie(c, PRE_SESSION_CSRF_COOKIE);
  return value && TOKEN_SHAPE.test(value) ? value : undefined;
}
