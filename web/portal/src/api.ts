import type { PortalApiErrorBody } from '../../../src/wire/portal/session';

/** A failed Portal API call: the server's message, and per-field problems for forms. */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface PortalApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  del<T = void>(path: string): Promise<T>;
  /** After sign-in (or sign-out), the token changes. */
  setCsrfToken(token: string): void;
}

/**
 * The one way the Portal talks to Doorway: `/portal/api` + path, JSON both ways, the CSRF token
 * on every change, the session cookie sent by the browser (same origin). `onSignedOut` runs when
 * the session has ended (401), so any page falls back to the sign-in form.
 */
export function createPortalApi(csrfToken: string, onSignedOut: () => void): PortalApi {
  let token = csrfToken;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`/portal/api${path}`, {
        method,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...(method === 'GET' ? {} : { 'X-CSRF-Token': token }), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new PortalApiError(0, 'NETWORK', 'Doorway could not be reached. Check your connection and try again.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (response.ok) return json as T;
    const error = (json as PortalApiErrorBody | undefined)?.error;
    if (response.status === 401 && !path.startsWith('/session')) onSignedOut();
    throw new PortalApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? `Doorway answered ${response.status}.`, error?.fields ?? {});
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    del: (path) => call('DELETE', path),
    setCsrfToken: (next) => {
      token = next;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
