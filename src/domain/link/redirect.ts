import { isWebOrigin, isWebUrl, WEB_URL_RULE } from '../web-url.js';

/**
 * The end-of-flow redirect (codat-spec §5.4). Reserved placeholders are filled from the outcome,
 * any other `{name}` from the Link URL's query string (missing → empty string), every value
 * URL-encoded. The check is on the resolved URL, never on the template's shape: it must be a web
 * URL (https, or http on localhost), and its origin must be the template's own fixed origin, or,
 * when the origin depends on a placeholder or the client keeps an allow-list, on that allow-list
 * (origin or full URL prefix). Otherwise the redirect is refused (no open redirects).
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

/** What the end of a visit knows, from which the reserved placeholders are filled. */
export interface RedirectOutcome {
  clientId: string;
  companyId: string;
  /** The connection the visit touched last, if any, and its platform. */
  connection?: { id: string; platformKey: string; sourceType: string } | undefined;
  platform?: { integrationId: string; sourceId: string; name: string } | undefined;
  statusCode: string;
}

/** The reserved placeholders' values for one outcome (statusText is always empty, as at Codat). */
export function redirectPlaceholders(outcome: RedirectOutcome): Record<ReservedPlaceholder, string> {
  return {
    clientId: outcome.clientId,
    companyId: outcome.companyId,
    connectionId: outcome.connection?.id ?? '',
    integrationId: outcome.platform?.integrationId ?? '',
    sourceId: outcome.platform?.sourceId ?? '',
    platform: outcome.connection?.platformKey ?? '',
    platformName: outcome.platform?.name ?? '',
    sourceType: outcome.connection?.sourceType ?? '',
    statusCode: outcome.statusCode,
    errorMessage: REDIRECT_ERROR_MESSAGES[outcome.statusCode] ?? '',
    statusText: '',
  };
}

/** The names of the `{placeholders}` a template uses, each once, in order of appearance. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** The template with every placeholder filled (URL-encoded), before any check: what a tester shows. */
export function fillRedirectTemplate(
  template: string,
  reserved: Partial<Record<ReservedPlaceholder, string>>,
  custom: Record<string, string>,
): string {
  const reservedNames = new Set<string>(RESERVED_PLACEHOLDERS);
  return fill(template, (name) => (reservedNames.has(name) ? reserved[name as ReservedPlaceholder] : custom[name]));
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function resolveRedirectUrl(
  template: string,
  reserved: Partial<Record<ReservedPlaceholder, string>>,
  custom: Record<string, string>,
  whiteListUrls: readonly string[],
): RedirectResolution {
  const url = parse(fillRedirectTemplate(template, reserved, custom));
  if (!url) return { ok: false, reason: 'The configured redirect does not resolve to a valid URL.' };
  if (!isWebOrigin(url)) return { ok: false, reason: `The configured redirect must be ${WEB_URL_RULE}.` };
  const fixedOrigin = templateOrigin(template);
  if (whiteListUrls.length > 0 || fixedOrigin === undefined) {
    if (!whiteListUrls.some((entry) => isAllowedBy(url, entry))) {
      return { ok: false, reason: `The redirect host ${url.host} is not in the client's allowed redirect URLs.` };
    }
  } else if (url.origin !== fixedOrigin) {
    return { ok: false, reason: `The redirect host ${url.host} is not the configured redirect's own host.` };
  }
  return { ok: true, url: url.toString() };
}

/**
 * The origin every resolution of the template shares, or undefined when a placeholder can change
 * it (in the scheme, host or port, or anywhere a parser may read as one, e.g. `https:{h}/done`).
 * Found by resolving with two different values: a fixed origin cannot tell them apart.
 */
export function templateOrigin(template: string): string | undefined {
  const first = parse(fill(template, () => 'a'));
  const second = parse(fill(template, () => 'b'));
  if (!first || !second || !isWebOrigin(first) || first.origin !== second.origin) return undefined;
  return first.origin;
}

function fill(template: string, valueOf: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(valueOf(name) ?? ''));
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An entry allows a URL when scheme and host match and the entry's path is a prefix of it. */
function isAllowedBy(url: URL, entry: string): boolean {
  const allowed = parse(entry);
  if (!allowed || allowed.protocol !== url.protocol || allowed.host !== url.host) return false;
  const prefix = allowed.pathname;
  return prefix === '/' || url.pathname === prefix || url.pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/**
 * What a profile save refuses in a redirect URL and its allow-list (the field names are the
 * API's): an allow-list entry that is not a web URL, a template that is not one even with its
 * placeholders filled, or a placeholder that can move the origin with no allow-list to bound it.
 */
export function redirectSettingsProblem(template: string, whiteListUrls: readonly string[]): string | undefined {
  const invalid = whiteListUrls.find((url) => !isWebUrl(url));
  if (invalid !== undefined) return `whiteListUrls entry '${invalid}' must be ${WEB_URL_RULE}.`;
  if (template === '') return undefined;
  if (!isWebUrl(template.replace(/\{[^{}]*\}/g, 'x'))) return `redirectUrl must be ${WEB_URL_RULE}; placeholders like {companyId} are allowed.`;
  if (templateOrigin(template) === undefined && whiteListUrls.length === 0) {
    return 'redirectUrl has a placeholder that can change its scheme, host or port: list every URL it may resolve to in whiteListUrls.';
  }
  return undefined;
}
