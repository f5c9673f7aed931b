import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../../domain/ids.js';

export const BROWSER_COOKIE = 'dw_browser';

/**
 * A random secret per browser, in an HttpOnly, SameSite=Lax cookie (Secure behind HTTPS). Link
 * sessions and OAuth states are bound to its hash, so a leaked session id or state is useless
 * elsewhere. Lax (not Strict) because the OAuth callback arrives as a top-level navigation from
 * the provider's site and must carry it.
 */
export function ensureBrowserSecret(c: Context, secure: boolean): string {
  const existing = readBrowserSecret(c);
  if (existing) return existing;
  const secret = randomToken(32);
  setCookie(c, BROWSER_COOKIE, secret, { httpOnly: true, sameSite: 'Lax', secure, path: '/link', maxAge: 30 * 24 * 3600 });
  return secret;
}

export function readBrowserSecret(c: Context): string | undefined {
  const value = getCookie(c, BROWSER_COOKIE);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}
