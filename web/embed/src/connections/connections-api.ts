import type { CustomerConnection, CustomerConnectionsReply, EmbedSessionReply, LinkConnection, LinkNextStep } from '../../../../src/wire/link/link-api-schemas';
import { createLinkApi, LinkApiError } from '../../../link/src/api';

/** What the Connections SDK asks Doorway, once its session is open. */
export interface ConnectionsApi {
  list(): Promise<CustomerConnection[]>;
  getConnection(connectionId: string): Promise<LinkConnection>;
  disconnect(connectionId: string): Promise<LinkConnection>;
  reconnect(connectionId: string): Promise<LinkNextStep>;
}

type Fetch = typeof fetch;

/** One call with the access token and no cookies (docs/embedded-link.md); failures as the Link UI's LinkApiError. */
async function call<T>(fetchImpl: Fetch, url: string, accessToken: string, init: { method: 'GET' | 'POST'; sessionId?: string; body?: unknown }): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${accessToken}` };
  if (init.sessionId) headers['X-CSRF-Token'] = init.sessionId;
  if (init.method === 'POST') headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchImpl(url, { method: init.method, headers, credentials: 'omit', ...(init.method === 'POST' ? { body: JSON.stringify(init.body ?? {}) } : {}) });
  } catch {
    // A CORS refusal (an origin the client has not registered) looks exactly like this to a page.
    throw new LinkApiError(0, 'network_error', '');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new LinkApiError(response.status, typeof error?.code === 'string' ? error.code : `http_${response.status}`, typeof error?.message === 'string' ? error.message : '');
  }
  return json as T;
}

/**
 * Opens the mount's session on the embedded Link API (`apiBase` is
 * `{PUBLIC_URL}/link/embed/companies/{companyId}/api`) and answers the calls the list needs:
 * the list is the embedded API's own route, the rest are the Link API's, through the Link UI's
 * client, so both SDKs make the same calls.
 */
export async function openConnectionsApi(apiBase: string, accessToken: string, fetchImpl: Fetch = fetch.bind(globalThis)): Promise<ConnectionsApi> {
  const base = apiBase.replace(/\/+$/, '');
  const { sessionId } = await call<EmbedSessionReply>(fetchImpl, `${base}/sessions`, accessToken, { method: 'POST', body: { options: {} } });
  const link = createLinkApi(base, sessionId, fetchImpl, { kind: 'accessToken', accessToken });
  return {
    list: async () => (await call<CustomerConnectionsReply>(fetchImpl, `${base}/connections`, accessToken, { method: 'GET', sessionId })).connections,
    getConnection: (connectionId) => link.getConnection(connectionId),
    disconnect: (connectionId) => link.disconnect(connectionId),
    reconnect: (connectionId) => link.reconnect(connectionId),
  };
}
