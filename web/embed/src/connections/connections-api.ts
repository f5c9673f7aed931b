import type { CustomerConnection, CustomerConnectionsReply, LinkConnection, LinkNextStep } from '../../../../src/wire/link/link-api-schemas';
import { createLinkApi, LinkApiError, readJson, toError } from '../../../link/src/api';
import { openEmbeddedSession } from '../shell/open-session';

/** What the Connections SDK asks Doorway, once its session is open. */
export interface ConnectionsApi {
  list(): Promise<CustomerConnection[]>;
  getConnection(connectionId: string): Promise<LinkConnection>;
  disconnect(connectionId: string): Promise<LinkConnection>;
  reconnect(connectionId: string): Promise<LinkNextStep>;
}

type Fetch = typeof fetch;

/**
 * Opens the mount's session on the embedded Link API (`apiBase` is
 * `{PUBLIC_URL}/link/embed/companies/{companyId}/api`) and answers the calls the list needs:
 * the list is the embedded API's own route, the rest are the Link API's, through the Link UI's
 * client, so both SDKs make the same calls and fail with the same LinkApiError.
 */
export async function openConnectionsApi(apiBase: string, accessToken: string, fetchImpl: Fetch = fetch.bind(globalThis)): Promise<ConnectionsApi> {
  const base = apiBase.replace(/\/+$/, '');
  const { sessionId } = await openEmbeddedSession(base, accessToken, {}, fetchImpl, 'connections');
  const link = createLinkApi(base, sessionId, fetchImpl, { kind: 'accessToken', accessToken });
  const list = async (): Promise<CustomerConnection[]> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/connections`, {
        credentials: 'omit',
        headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}`, 'X-CSRF-Token': sessionId },
      });
    } catch {
      // A CORS refusal (an origin the client has not registered) looks exactly like this to a page.
      throw new LinkApiError(0, 'network_error', '');
    }
    const json = await readJson(response);
    if (!response.ok) throw toError(response.status, json);
    return (json as CustomerConnectionsReply).connections;
  };
  return {
    list,
    getConnection: (connectionId) => link.getConnection(connectionId),
    disconnect: (connectionId) => link.disconnect(connectionId),
    reconnect: (connectionId) => link.reconnect(connectionId),
  };
}
