import type { OAuth2Auth } from '../auth-schema.js';
import { renderConnectionInfoHeader, renderConnectionInfoTemplate } from '../url-template.js';
import { boundedText } from './upstream-error.js';

/** The platform gets this long to answer the call, body included. */
export const CONNECTION_INFO_TIMEOUT_MS = 15_000;
/** Answers larger than this are not read (a connections list is a few KB). */
const MAX_BODY_BYTES = 1_048_576;

export type ConnectionInfoRequest = NonNullable<OAuth2Auth['connectionInfoRequest']>;

export interface ConnectionInfoCall {
  accessToken: string;
  /** What the connection holds so far (form fields, callback and token metadata), for the templates. */
  connectionInfo: Readonly<Record<string, unknown>>;
  /** How the platform's API takes the token (`api.tokenHeader`/`tokenScheme`); default `Authorization: Bearer`. */
  tokenHeader?: string;
  tokenScheme?: string;
  /** How the request leaves: the destination-guarded fetch. */
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** A failure says what went wrong and where (host and path), never the token or a query string. */
export type ConnectionInfoResult = { ok: true; values: Record<string, string> } | { ok: false; statusCode: string; message: string };

/** `0.tenantId`: the first element's `tenantId`. Only own properties are followed. */
function valueAt(document: unknown, path: string): unknown {
  let current = document;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (typeof current === 'object' && current !== null && !Array.isArray(current) && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else return undefined;
  }
  return current;
}

async function readBounded(response: Response): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return null;
  const text = await response.text();
  return Buffer.byteLength(text) > MAX_BODY_BYTES ? null : text;
}

/**
 * The one GET a definition's `connectionInfoRequest` declares, made with the new access token right
 * after authorization (Xero's `GET /connections`), and the values its `pick` names. Pure of storage:
 * the caller merges the values into connectionInfo. Every failure (a template value missing, the
 * network, a non-2xx, a body that is not JSON, a picked value absent) is an `ok: false`.
 */
export async function requestConnectionInfo(request: ConnectionInfoRequest, call: ConnectionInfoCall): Promise<ConnectionInfoResult> {
  let url: URL;
  const headers: Record<string, string> = { Accept: 'application/json' };
  try {
    url = new URL(renderConnectionInfoTemplate(request.url, call.connectionInfo));
    for (const [name, value] of Object.entries(request.headers)) headers[name] = renderConnectionInfoHeader(value, call.connectionInfo);
  } catch (error) {
    return { ok: false, statusCode: '500', message: `The platform's connection details call cannot be made: ${boundedText(error instanceof Error ? error.message : String(error))}` };
  }
  const scheme = call.tokenScheme ?? 'Bearer';
  headers[call.tokenHeader ?? 'Authorization'] = scheme === '' ? call.accessToken : `${scheme} ${call.accessToken}`;
  const where = `${url.host}${url.pathname}`;
  const timeoutMs = call.timeoutMs ?? CONNECTION_INFO_TIMEOUT_MS;

  let response: Response;
  let text: string | null;
  try {
    response = await call.fetch(url.href, { method: 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    text = await readBounded(response);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const reason = name === 'TimeoutError' || name === 'AbortError' ? `did not answer within ${timeoutMs / 1000} seconds` : 'could not be reached';
    const refused = (error as { cause?: { code?: string } }).cause?.code === 'ERR_DESTINATION_REFUSED';
    return { ok: false, statusCode: '502', message: `${where} ${refused ? 'is not an allowed destination (see OUTBOUND_ALLOW_PRIVATE_DESTINATIONS)' : reason}` };
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, statusCode: '502', message: `${where} answered HTTP ${response.status} when asked for the connection's details` };
  }
  let document: unknown;
  try {
    document = text === null ? undefined : JSON.parse(text);
  } catch {
    document = undefined;
  }
  if (document === undefined) return { ok: false, statusCode: '502', message: `${where} did not answer with a JSON document of at most 1 MB` };

  const values: Record<string, string> = {};
  for (const [key, path] of Object.entries(request.pick)) {
    const value = valueAt(document, path);
    if (typeof value === 'string' && value !== '') values[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
    else return { ok: false, statusCode: '502', message: `${where} answered without "${path}" (for connectionInfo.${key})` };
  }
  return { ok: true, values };
}
