import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../../domain/ids.js';
import { PUBLIC_ROUTES } from '../../domain/public-urls.js';

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

const POPUP_COOKIE = 'dw_popup';

/**
 * Marks this window as an embedded authorization popup for the ticket's lifetime, on the callback
 * path only. A callback that fails before it knows its session (a replayed or expired state) can
 * then still keep the opener, so the client's page sees the popup open on its error page until the
 * person closes it, instead of a window that seems to have vanished. It carries no secret: it
 * only chooses a header.
 */
export function markEmbeddedPopup(c: Context, secure: boolean): void {
  setCookie(c, POPUP_COOKIE, '1', { httpOnly: true, sameSite: 'Lax', secure, path: PUBLIC_ROUTES.oauthCallback, maxAge: 600 });
}

export const isEmbeddedPopup = (c: Context): boolean => getCookie(c, POPUP_COOKIE) === '1';
