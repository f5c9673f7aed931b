import { AppError } from '../domain/errors.js';
import type { ProviderDefinition } from './schema.js';
import { inspectConnectionInfoTemplate } from './url-template.js';

/** What a Linked connection authenticates its platform API calls with. */
export type ApiCredentials =
  | {
      kind: 'oauth2';
      accessToken: string;
      /** As the token endpoint gave it (oauth4webapi lower-cases it); empty when it gave none. */
      tokenType: string;
      /** The OAuth app's client id, needed only by a platform with `api.clientIdHeader` (MYOB). */
      oauthClientId?: string | undefined;
    }
  | { kind: 'fields'; fields: Readonly<Record<string, string>> };

// A value with CR, LF or another control character would split or corrupt the request (and node refuses it with a 500).
const CONTROL = /[\u0000-\u001f\u007f]/;

function headerValue(value: string, what: string): string {
  if (CONTROL.test(value)) throw new AppError('CONFLICT', `The connection's ${what} contains a control character and cannot be sent in a header.`);
  return value;
}

/**
 * The scheme before the token. A platform declaring no scheme of its own (the `Bearer` default)
 * gets the token type the token endpoint named, spelt as RFC 6750 does for bearer tokens;
 * a declared scheme (Zoho's `Zoho-oauthtoken`) or `""` (Shopify's bare token) is used as declared.
 */
function schemeOf(declared: string, tokenType: string): string {
  if (declared !== 'Bearer') return declared;
  return tokenType === '' || tokenType.toLowerCase() === 'bearer' ? 'Bearer' : tokenType;
}

/** Whether a credentials platform's fixed headers carry form values (`${connectionInfo.apiKey}`): then they are its authentication. */
function headersUseFields(headers: Readonly<Record<string, string>>): boolean {
  return Object.values(headers).some((template) => inspectConnectionInfoTemplate(template).keys.length > 0);
}

/** RFC 7617: `user-id ":" password`, UTF-8, base64; a user-id cannot contain a colon. */
function basicAuthorization(fields: Readonly<Record<string, string>>, basic: { usernameField: string; passwordField: string }): string {
  const username = fields[basic.usernameField];
  const password = fields[basic.passwordField];
  if (username === undefined || password === undefined) {
    const missing = username === undefined ? basic.usernameField : basic.passwordField;
    throw new AppError('CONFLICT', `The connection's credentials lack ${missing}, which this platform's API authenticates with.`);
  }
  if (username.includes(':')) throw new AppError('CONFLICT', `The connection's ${basic.usernameField} contains a colon, which HTTP Basic authentication cannot carry.`);
  headerValue(username, basic.usernameField);
  headerValue(password, basic.passwordField);
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * How a connection's credentials become request headers for its platform's API, as the provider's
 * `api` declares (docs/providers.md): the access token in `tokenHeader` after `tokenScheme`, the
 * OAuth app's client id in `clientIdHeader`, or HTTP Basic from two form fields (`basicAuth`).
 * Header names are lower-case. A connection the platform's API cannot be called with is a 409:
 * form credentials on a platform that declares neither `basicAuth` nor field-templated
 * `headers` (which `resolveApiTarget` renders), or a client id the platform needs but nobody set.
 */
export function credentialHeaders(provider: Pick<ProviderDefinition, 'key' | 'api'>, credentials: ApiCredentials): Record<string, string> {
  const api = provider.api;
  if (!api) throw new AppError('CONFLICT', `The platform ${provider.key} declares no API that Doorway can proxy.`);
  if (credentials.kind === 'fields') {
    if (api.basicAuth) return { authorization: basicAuthorization(credentials.fields, api.basicAuth) };
    if (headersUseFields(api.headers)) return {};
    throw new AppError(
      'CONFLICT',
      `This connection holds form credentials, and the platform ${provider.key} declares no way to send them (api.basicAuth); the proxy cannot authenticate it.`,
    );
  }
  const token = headerValue(credentials.accessToken, 'access token');
  const scheme = schemeOf(api.tokenScheme, credentials.tokenType);
  const headers: Record<string, string> = { [api.tokenHeader.toLowerCase()]: scheme === '' ? token : `${scheme} ${token}` };
  if (api.clientIdHeader !== undefined) {
    if (!credentials.oauthClientId) {
      throw new AppError('CONFLICT', `The platform ${provider.key} needs the OAuth app's client id on every API call, and its integration settings hold none.`);
    }
    headers[api.clientIdHeader.toLowerCase()] = headerValue(credentials.oauthClientId, 'OAuth client id');
  }
  return headers;
}
