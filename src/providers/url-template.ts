/**
 * Provider URLs and parameter values may contain `${connectionConfig.<field>}` placeholders, filled
 * from what the SMB entered in the connection form (Shopify's shop name, Zoho's data-centre
 * extension). The syntax is Nango's, so definitions can be ported from its catalogue.
 */
const PLACEHOLDER = /\$\{([^}]*)\}/g;
const CONNECTION_CONFIG_REFERENCE = /^connectionConfig\.([A-Za-z_][A-Za-z0-9_]*)$/;

export type PlaceholderProblem =
  | { kind: 'malformed'; text: string }
  | { kind: 'unclosed' };

/** The names a template's placeholders give (each `${<reference>}` matching `reference`), plus anything that is not one. */
function inspectPlaceholders(template: string, reference: RegExp): { names: string[]; problems: PlaceholderProblem[] } {
  const names: string[] = [];
  const problems: PlaceholderProblem[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = reference.exec(match[1] ?? '')?.[1];
    if (name) names.push(name);
    else problems.push({ kind: 'malformed', text: match[0] });
  }
  if (template.replace(PLACEHOLDER, '').includes('${')) problems.push({ kind: 'unclosed' });
  return { names, problems };
}

/** The connection-config field names a template refers to, plus anything that is not a valid placeholder. */
export function inspectTemplate(template: string): { fieldNames: string[]; problems: PlaceholderProblem[] } {
  const { names, problems } = inspectPlaceholders(template, CONNECTION_CONFIG_REFERENCE);
  return { fieldNames: names, problems };
}

/** True when the template, with every placeholder filled, is an absolute http(s) URL. */
export function isHttpUrlTemplate(template: string): boolean {
  const sample = template.replace(PLACEHOLDER, 'placeholder');
  if (!URL.canParse(sample)) return false;
  const { protocol } = new URL(sample);
  return protocol === 'https:' || protocol === 'http:';
}

/**
 * Fills the placeholders. Values are URL-encoded so a value cannot smuggle a path, query or host
 * change into the URL; the field's `pattern` should still constrain it (e.g. Shopify's shop name).
 */
export function renderTemplate(template: string, connectionConfig: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (placeholder, inner: string) => {
    const fieldName = CONNECTION_CONFIG_REFERENCE.exec(inner)?.[1];
    // hasOwn: a field named e.g. `constructor` must not resolve to Object.prototype's member.
    const value = fieldName !== undefined && Object.hasOwn(connectionConfig, fieldName) ? connectionConfig[fieldName] : undefined;
    if (value === undefined || value === '') throw new Error(`No value for ${placeholder}`);
    return encodeURIComponent(value);
  });
}

/**
 * How a Linked connection is used (`api.*`, `auth.connectionInfoRequest`) is templated from the
 * connection's `connectionInfo` instead: `${connectionInfo.<key>}`, where a key is a non-secret
 * form field or a value captured at authorization (callback or token-response metadata, the
 * connectionInfo call's picks). Keys may contain `-` (Zoho's `accounts-server`).
 */
const CONNECTION_INFO_REFERENCE = /^connectionInfo\.([A-Za-z_][A-Za-z0-9_-]*)$/;

/** The connectionInfo keys a template refers to, plus anything that is not a valid placeholder. */
export function inspectConnectionInfoTemplate(template: string): { keys: string[]; problems: PlaceholderProblem[] } {
  const { names, problems } = inspectPlaceholders(template, CONNECTION_INFO_REFERENCE);
  return { keys: names, problems };
}

/** A placeholder whose key the connection does not hold (yet): the caller's 4xx, not a 500. */
export class MissingConnectionInfoError extends Error {
  override name = 'MissingConnectionInfoError';
  constructor(readonly key: string) {
    super(`The connection has no connectionInfo.${key}`);
  }
}

function connectionInfoValue(inner: string, connectionInfo: Readonly<Record<string, unknown>> | null): string {
  const key = CONNECTION_INFO_REFERENCE.exec(inner)?.[1] ?? inner;
  const value = connectionInfo !== null && Object.hasOwn(connectionInfo, key) ? connectionInfo[key] : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') throw new MissingConnectionInfoError(key);
  return value;
}

/** A template that starts with a placeholder takes its origin (and base path) from that value. */
const LEADING_PLACEHOLDER = /^\$\{([^}]*)\}/;

/** True when the URL template, with every placeholder filled, is an absolute http(s) URL (a leading placeholder stands for one). */
export function isConnectionInfoUrlTemplate(template: string): boolean {
  return isHttpUrlTemplate(template.replace(LEADING_PLACEHOLDER, 'https://placeholder.invalid'));
}

/** A value that supplies a template's origin: an http(s) URL with no credentials, query or fragment. */
function baseUrlValue(inner: string, connectionInfo: Readonly<Record<string, unknown>> | null): string {
  const value = connectionInfoValue(inner, connectionInfo);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new Error(`${inner} must be an http(s) URL without credentials, query or fragment to start a URL`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Fills `${connectionInfo.x}` placeholders of a URL template (`api.baseUrl`, the connectionInfo
 * call's URL). Values are URL-encoded, as in `renderTemplate`, so a captured value can never move
 * the request to another host or path; the one exception is a placeholder that *starts* the
 * template (WooCommerce's `${connectionInfo.storeUrl}/wp-json/wc/v3`, Zoho's `api_domain`), whose
 * value must itself be an http(s) URL and supplies the origin. Throws MissingConnectionInfoError
 * for an absent value.
 */
export function renderConnectionInfoTemplate(template: string, connectionInfo: Readonly<Record<string, unknown>> | null): string {
  const leading = LEADING_PLACEHOLDER.exec(template);
  const base = leading ? baseUrlValue(leading[1] ?? '', connectionInfo) : '';
  const rest = leading ? template.slice(leading[0].length) : template;
  return base + rest.replace(PLACEHOLDER, (_placeholder, inner: string) => encodeURIComponent(connectionInfoValue(inner, connectionInfo)));
}

/**
 * The same for a header value (`api.headers`): not URL-encoded (Xero's tenant id goes in as it
 * is), but a value with a control character (CR, LF: header injection) is refused.
 */
export function renderConnectionInfoHeader(template: string, connectionInfo: Readonly<Record<string, unknown>> | null): string {
  return template.replace(PLACEHOLDER, (_placeholder, inner: string) => {
    const value = connectionInfoValue(inner, connectionInfo);
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error(`${inner} holds a control character and cannot go in a header`);
    return value;
  });
}
