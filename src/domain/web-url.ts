import { AppError } from './errors.js';

/**
 * The one rule for every URL a client sets that a browser will load or be sent to (profile logo
 * and icon, Link branding, the redirect and its allow-list, CORS origins): `https:`, or `http:`
 * only on this machine (localhost, 127.0.0.1, ::1) for development. Anything else (`javascript:`,
 * `data:`, `file:`, plain `http:` to another host) is refused. Webhook destinations have their
 * own guard (outbound/destination-guard.ts).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isWebUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return isWebOrigin(url);
}

/** The same rule for a parsed URL (its scheme and host). */
export function isWebOrigin(url: URL): boolean {
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export const WEB_URL_RULE = 'an absolute https:// URL (http:// only for localhost, 127.0.0.1 or ::1)';
export const WEB_URL_REQUIREMENT = `Must be ${WEB_URL_RULE}.`;

/** For showing a stored URL: rows saved before this rule was enforced may hold anything. */
export function webUrlOrNull(value: string | null | undefined): string | null {
  return value && isWebUrl(value) ? value : null;
}

/** An optional image URL (logo, icon): absent or empty means none; anything else must be a web URL (else a 400). */
export function optionalWebUrl(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (!isWebUrl(value)) throw new AppError('BAD_REQUEST', `${field} must be ${WEB_URL_RULE}.`);
  return value;
}
