import type {
  LinkConnection,
  LinkConnectionReply,
  LinkCredentialsReply,
  LinkEvent,
  LinkInviteReply,
  LinkNextReply,
  LinkNextStep,
  LinkRedirectReply,
  LinkState,
} from '../../../src/wire/link/link-api-schemas';

/**
 * A failed call. `message` is the server's own (already user-facing) message, or '' when there
 * is none (network failure, non-JSON answer): the UI then picks its own wording from `code`.
 */
export class LinkApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's id for the failed request (its logs name it), when it answered one. */
  readonly correlationId: string | undefined;

  constructor(status: number, code: string, message: string, correlationId?: string) {
    super(message);
    this.name = 'LinkApiError';
    this.status = status;
    this.code = code;
    this.correlationId = correlationId;
  }
}

/**
 * `next` on the credentials answer lets a platform that needs form values *and* a redirect (e.g.
 * an OAuth platform whose host depends on a field) continue to the platform. Ignored if absent.
 */
export type CredentialsResult = LinkCredentialsReply;

export interface LinkApi {
  getState(): Promise<LinkState>;
  postEvent(event: LinkEvent): Promise<void>;
  createConnection(platformKey: string): Promise<LinkConnection>;
  consent(connectionId: string): Promise<LinkNextStep>;
  submitCredentials(connectionId: string, values: Record<string, string>): Promise<CredentialsResult>;
  getConnection(connectionId: string): Promise<LinkConnection>;
  disconnect(connectionId: string): Promise<LinkConnection>;
  reconnect(connectionId: string): Promise<LinkNextStep>;
  complete(): Promise<string>;
  exit(): Promise<string>;
  invite(clientSlug: string, companyName: string): Promise<string>;
}

type Fetch = typeof fetch;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const body = await response.text();
  if (!body) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A failed answer as the UI's error: the server's code, message and correlation id when it sent them. */
export function toError(status: number, body: unknown): LinkApiError {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error.message === 'string' ? error.message : '';
  const correlationId = typeof error.correlationId === 'string' ? error.correlationId : undefined;
  return new LinkApiError(status, code, message, correlationId);
}

/**
 * How calls authenticate besides the session header: Hosted Link's browser cookie (same-origin),
 * or Embedded Link's company access token from another origin, never with cookies.
 */
export type LinkApiAuth = { kind: 'cookie' } | { kind: 'accessToken'; accessToken: string };

export function createLinkApi(apiBase: string, csrfToken: string, fetchImpl: Fetch = fetch, auth: LinkApiAuth = { kind: 'cookie' }): LinkApi {
  const base = apiBase.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    // The token names this page's session on every call, reads included: the server binds it
    // to the browser cookie, and a cross-site page can neither read nor send it.
    const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRF-Token': csrfToken };
    if (auth.kind === 'accessToken') headers.Authorization = `Bearer ${auth.accessToken}`;
    const init: RequestInit = { method, headers, credentials: auth.kind === 'cookie' ? 'same-origin' : 'omit' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      // Body-less actions still send `{}` so a server that parses JSON bodies never sees an empty one.
      init.body = JSON.stringify(body ?? {});
    }
    let response: Response;
    try {
      response = await fetchImpl(base + path, init);
    } catch {
      throw new LinkApiError(0, 'network_error', '');
    }
    const json = await readJson(response);
    if (!response.ok) throw toError(response.status, json);
    return json as T;
  }

  const id = (connectionId: string): string => `/connections/${encodeURIComponent(connectionId)}`;

  return {
    getState: () => call<LinkState>('GET', '/state'),
    postEvent: async (event) => {
      await call<void>('POST', '/events', event);
    },
    createConnection: async (platformKey) =>
      (await call<LinkConnectionReply>('POST', '/connections', { platformKey })).connection,
    consent: async (connectionId) => (await call<LinkNextReply>('POST', `${id(connectionId)}/consent`)).next,
    submitCredentials: (connectionId, values) =>
      call<CredentialsResult>('POST', `${id(connectionId)}/credentials`, { values }),
    getConnection: async (connectionId) => (await call<LinkConnectionReply>('GET', id(connectionId))).connection,
    disconnect: async (connectionId) =>
      (await call<LinkConnectionReply>('POST', `${id(connectionId)}/disconnect`)).connection,
    reconnect: async (connectionId) => (await call<LinkNextReply>('POST', `${id(connectionId)}/reconnect`)).next,
    complete: async () => (await call<LinkRedirectReply>('POST', '/complete')).redirectUrl,
    exit: async () => (await call<LinkRedirectReply>('POST', '/exit')).redirectUrl,
    invite: async (clientSlug, companyName) =>
      (await call<LinkInviteReply>('POST', `/invite/${encodeURIComponent(clientSlug)}`, { companyName })).next,
  };
}
