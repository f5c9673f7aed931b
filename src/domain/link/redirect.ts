/**
 * The end-of-flow redirect (codat-spec §5.4). Reserved placeholders are filled from the outcome,
 * any other `{name}` from the Link URL's query string (missing → empty string), every value
 * URL-encoded. The resolved URL must be http(s), and when the client keeps an allow-list its
 * origin or full URL prefix must be on it: otherwise the redirect is refused (no open redirects).
 */
export const RESERVED_PLACEHOLDERS = [
  'clientId',
  'companyId',
  'connectionId',
  'integrationId',
  'sourceId',
  'platform',
  'platformName',
  'sourceType',
  'statusCode',
  'errorMessage',
  'statusText',
] as const;
export type ReservedPlaceholder = (typeof RESERVED_PLACEHOLDERS)[number];

export const REDIRECT_ERROR_MESSAGES: Record<string, string> = {
  '200': '',
  '201': '',
  '403': 'User cancelled.',
  '500': 'Unknown error occurred.',
  '501': 'Not supported.',
};

export type RedirectResolution = { ok: true; url: string } | { ok: false; reason: string };

export function resolveRedirectUrl(
  template: string,
  reserved: Partial<Record<ReservedPlaceholder, string>>,
  custom: Record<string, string>,
  whiteListUrls: readonly string[],
): RedirectResolution {
  const reservedNames = new Set<string>(RESERVED_PLACEHOLDERS);
  const filled = template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = reservedNames.has(name) ? reserved[name as ReservedPlaceholder] : custom[name];
    return encodeURIComponent(value ?? '');
  });
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return { ok: false, reason: 'The configured redirect does not resolve to a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'The configured redirect must use http or https.' };
  }
  // A host resolved from placeholders must be explicitly allowed; a static host is the client's own choice.
  const hostHasPlaceholder = /^[a-z]+:\/\/[^/?#]*\{/i.test(template);
  if (whiteListUrls.length > 0 || hostHasPlaceholder) {
    const allowed = whiteListUrls.some((entry) => isAllowedBy(url, entry));
    if (!allowed) return { ok: false, reason: `The redirect host ${url.host} is not in the client's allowed redirect URLs.` };
  }
  return { ok: true, url: url.toString() };
}

/** An entry allows a URL when scheme and host match and the entry's path is a prefix of it. */
function isAllowedBy(url: URL, entry: string): boolean {
  let allowed: URL;
  try {
    allowed = new URL(entry);
  } catch {
    return false;
  }
  if (allowed.protocol !== url.protocol || allowed.host !== url.host) return false;
  const prefix = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}`;
  return prefix === '/' || url.pathname === prefix || url.pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
