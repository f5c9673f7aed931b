import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { CloseButton } from '../../../ui/src/components/CloseButton';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../ui/src/components/Modal';
import { LinkApiError } from '../../../link/src/api';
import { describeError } from '../../../link/src/errors';
import type { CustomerConnection, LinkCategoryKey } from '../../../../src/wire/link/link-api-schemas';
import type { AuthorizationWindow } from '../authorization-window';
import { ConnectionList } from './ConnectionList';
import type { ConnectionsApi } from './connections-api';
import { copy } from './copy';
import { reconnectInPopup } from './reconnect';

/** What the component tells the page, already guarded by the caller (a throwing callback never breaks it). */
export interface ConnectionsEvents {
  disconnected(connectionId: string): void;
  reconnected(connectionId: string): void;
  error(error: unknown, message: string, userRecoverable: boolean): void;
}

export interface ConnectionsAppProps {
  openApi: () => Promise<ConnectionsApi>;
  /** A new popup controller for each reconnect (web/embed/src/authorization-window.ts). */
  authorizationWindow: () => AuthorizationWindow;
  /** The Link API's `next.url` made absolute against Doorway's origin. */
  resolveUrl: (url: string) => string;
  dataTypes: Partial<Record<LinkCategoryKey, string[]>>;
  events: ConnectionsEvents;
  /** Shows the X button (Codat: only when `onClose` is given). */
  onClose?: (() => void) | undefined;
}

type View = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; connections: CustomerConnection[] };

/** A refusal no retry fixes: the token (expired, revoked, tampered, another company's) or the page's origin. */
function fatalMessage(error: unknown): string {
  if (error instanceof LinkApiError && (error.status === 401 || error.status === 403)) return copy('tokenRefused');
  if (error instanceof LinkApiError && error.code === 'network_error') return copy('unreachable');
  return describeError({}, error);
}

/**
 * The Connections SDK (codat-spec §7): the customer's own connections with Disconnect (asked
 * first) and Reconnect (the platform's sign-in in a popup). Ignores the client's Link branding,
 * as Codat's does.
 */
export function ConnectionsApp({ openApi, authorizationWindow, resolveUrl, dataTypes, events, onClose }: ConnectionsAppProps) {
  const titleId = useId();
  const api = useRef<ConnectionsApi | null>(null);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<CustomerConnection | null>(null);
  const [notice, setNotice] = useState<{ message: string; retry?: CustomerConnection } | null>(null);
  const [status, setStatus] = useState('');

  const failed = (error: unknown) => {
    const message = fatalMessage(error);
    setView({ kind: 'failed', message });
    events.error(error, message, false);
  };

  /** A step that went wrong but leaves the list usable; a refused token still ends the component. */
  const problem = (error: unknown, retry?: CustomerConnection) => {
    if (error instanceof LinkApiError && (error.status === 401 || error.status === 0)) return failed(error);
    const message = describeError({}, error);
    setNotice({ message, ...(retry ? { retry } : {}) });
    events.error(error, message, true);
  };

  const refresh = async (ready: ConnectionsApi) => setView({ kind: 'ready', connections: await ready.list() });

  useEffect(() => {
    void (async () => {
      try {
        api.current = await openApi();
        await refresh(api.current);
      } catch (error) {
        failed(error);
      }
    })();
  }, []);

  const disconnect = async (connection: CustomerConnection) => {
    const ready = api.current;
    if (!ready) return;
    setBusyId(connection.id);
    setNotice(null);
    try {
      await ready.disconnect(connection.id);
      await refresh(ready);
      setStatus(copy('disconnected', { platformName: connection.platformName }));
      events.disconnected(connection.id);
    } catch (error) {
      problem(error);
    } finally {
      setConfirming(null);
      setBusyId(null);
    }
  };

  // Synchronous up to reconnectInPopup's window.open (Safari's rule); everything else follows it.
  const reconnect = (connection: CustomerConnection) => {
    const ready = api.current;
    if (!ready || busyId) return;
    const platformName = connection.platformName;
    const outcome = reconnectInPopup(ready, authorizationWindow(), connection, resolveUrl);
    setNotice(null);
    setBusyId(connection.id);
    setStatus(copy('reconnecting', { platformName }));
    const recoverable = (message: string) => {
      setNotice({ message, retry: connection });
      events.error(new Error(message), message, true);
    };
    void outcome
      .then(async (result) => {
        if (result.kind === 'blocked') return recoverable(copy('popupBlocked', { platformName }));
        if (result.kind === 'closed') return recoverable(copy('popupClosed', { platformName }));
        if (result.kind === 'needs-form') return recoverable(copy('needsForm', { platformName }));
        await refresh(ready);
        if (result.kind === 'linked') {
          setStatus(copy('reconnected', { platformName }));
          events.reconnected(connection.id);
        } else {
          setStatus('');
          recoverable(result.connection.lastError?.message || copy('notReconnected', { platformName }));
        }
      })
      .catch((error: unknown) => problem(error, connection))
      .finally(() => setBusyId(null));
  };

  return (
    <section class="dw-conn" aria-labelledby={titleId} aria-busy={view.kind === 'loading' || busyId !== null ? 'true' : undefined}>
      <div class="dw-conn-head">
        <h2 class="dw-conn-title" id={titleId}>
          {copy('title')}
        </h2>
        {onClose ? <CloseButton class="dw-conn-close" label={copy('close')} onClick={onClose} /> : null}
      </div>
      {view.kind === 'failed' ? (
        <div class="dw-conn-failed">
          <h3>{copy('loadFailed')}</h3>
        </div>
      ) : (
        <p class="dw-lead">{copy('subtitle')}</p>
      )}
      {view.kind === 'loading' ? <p class="dw-muted">{copy('loading')}</p> : null}
      {view.kind === 'ready' ? (
        <ConnectionList
          connections={view.connections}
          dataTypes={dataTypes}
          busyId={busyId}
          onDisconnect={(connection) => setConfirming(connection)}
          onReconnect={reconnect}
        />
      ) : null}
      <ErrorNotice message={view.kind === 'failed' ? view.message : (notice?.message ?? '')}>
        {view.kind !== 'failed' && notice?.retry ? (
          <Button variant="secondary" busy={busyId !== null} onClick={() => notice.retry && reconnect(notice.retry)}>
            {copy('tryAgain')}
          </Button>
        ) : null}
      </ErrorNotice>
      <div class="dw-vh" role="status" aria-live="polite" aria-atomic="true">
        {status}
      </div>
      <Modal
        open={confirming !== null}
        busy={busyId !== null}
        danger
        title={copy('disconnectTitle', { platformName: confirming?.platformName ?? '' })}
        body={copy('disconnectBody', { platformName: confirming?.platformName ?? '' })}
        confirmLabel={copy('disconnect')}
        cancelLabel={copy('cancel')}
        onConfirm={() => confirming && void disconnect(confirming)}
        onClose={() => setConfirming(null)}
      />
    </section>
  );
}
