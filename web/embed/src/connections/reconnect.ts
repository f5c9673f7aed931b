import type { CustomerConnection, LinkConnection } from '../../../../src/wire/link/link-api-schemas';
import { authorizationSettled } from '../../../link/src/embedding';
import type { AuthorizationWindow } from '../authorization-window';
import type { ConnectionsApi } from './connections-api';

export type ReconnectOutcome =
  | { kind: 'linked'; connection: LinkConnection }
  /** Back from the platform, but not Linked (refused there, or an error): `connection.lastError` says why. */
  | { kind: 'not-linked'; connection: LinkConnection }
  | { kind: 'closed' }
  | { kind: 'blocked' }
  /** A credentials platform: its form is the Link UI's, not this component's. */
  | { kind: 'needs-form' };

/**
 * Reconnects one connection through the platform's sign-in in a popup (docs/embedded-link.md).
 * Call it from the click handler itself: it opens the popup before its first `await`, because
 * Safari allows `window.open` only synchronously in a click. The Link API then says where the
 * popup goes; once the platform sends the person back, the connection is read again, since only
 * the server knows whether the new grant worked.
 */
export function reconnectInPopup(
  api: ConnectionsApi,
  popup: AuthorizationWindow,
  connection: CustomerConnection,
  resolveUrl: (url: string) => string,
): Promise<ReconnectOutcome> {
  if (!popup.open()) return Promise.resolve({ kind: 'blocked' });
  return (async (): Promise<ReconnectOutcome> => {
    let next;
    try {
      next = await api.reconnect(connection.id);
    } catch (error) {
      popup.abandon();
      throw error;
    }
    if (next.kind !== 'redirect') {
      popup.abandon();
      return { kind: 'needs-form' };
    }
    const result = await popup.run(resolveUrl(next.url), connection.id, authorizationSettled(api.getConnection, connection));
    if (result.kind !== 'returned') return { kind: result.kind };
    const after = await api.getConnection(connection.id);
    return after.status === 'Linked' ? { kind: 'linked', connection: after } : { kind: 'not-linked', connection: after };
  })();
}
