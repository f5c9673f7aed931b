import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { CopyField } from '../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../ui/src/components/Modal';
import { StatusBadge } from '../../../ui/src/components/StatusBadge';
import type { PortalCompanyDetail } from '../../../../src/wire/portal/companies';
import { PortalApiError } from '../api';
import { usePortal } from '../portal-context';
import { formatDate } from './format';

type Connection = PortalCompanyDetail['connections'][number];
type Action = { kind: 'unlink' | 'delete'; connection: Connection };

/** The company's connections: status, errors, token health, the URL to reconnect, unlink and delete. */
export function CompanyConnections({ company, onChanged }: { company: PortalCompanyDetail; onChanged: () => void }) {
  const { api, can } = usePortal();
  const [action, setAction] = useState<Action | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirm = async () => {
    if (!action) return;
    setBusy(true);
    setError('');
    const path = `/companies/${company.id}/connections/${action.connection.id}`;
    try {
      if (action.kind === 'unlink') await api.post(`${path}/unlink`);
      else await api.del(path);
      setAction(undefined);
      onChanged();
    } catch (failure) {
      setAction(undefined);
      setError(failure instanceof PortalApiError ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="pt-card" aria-labelledby="pt-connections-title">
      <h2 id="pt-connections-title">Connections</h2>
      <ErrorNotice message={error} />
      {company.connections.length === 0 ? <p class="pt-muted">No connections yet. Send the customer the Link URL to start.</p> : null}
      <ul class="pt-connection-list">
        {company.connections.map((connection) => (
          <li key={connection.id} class="pt-connection">
            <div class="pt-connection-head">
              <h3>
                {connection.platformName} <span class="pt-muted pt-small">{connection.sourceType}</span>
              </h3>
              <StatusBadge status={connection.status} errored={connection.errored} />
            </div>
            <dl class="pt-facts">
              <dt>Created</dt>
              <dd>{formatDate(connection.created)}</dd>
              <dt>Linked</dt>
              <dd>{formatDate(connection.linkedAt)}</dd>
              {connection.tokenHealth ? (
                <>
                  <dt>Last token refresh</dt>
                  <dd>{formatDate(connection.tokenHealth.lastRefreshedAt)}</dd>
                  <dt>Access token expires</dt>
                  <dd>{formatDate(connection.tokenHealth.accessTokenExpiresAt)}</dd>
                  <dt>Refresh failing since</dt>
                  <dd>
                    {connection.tokenHealth.failingSince
                      ? `${formatDate(connection.tokenHealth.failingSince)} (${connection.tokenHealth.failureDays} day${connection.tokenHealth.failureDays === 1 ? '' : 's'}): ${connection.tokenHealth.lastError ?? ''}`
                      : 'Refreshing works'}
                  </dd>
                  {connection.tokenHealth.credentialsUnreadable ? (
                    <>
                      <dt>Credentials</dt>
                      <dd>Unreadable with this encryption key: the customer must connect again.</dd>
                    </>
                  ) : null}
                </>
              ) : null}
            </dl>
            {connection.dataConnectionErrors.length > 0 ? (
              <ul class="pt-errors" aria-label={`${connection.platformName} errors`}>
                {connection.dataConnectionErrors.map((item, index) => (
                  <li key={index} class={item.status === 'Active' ? 'pt-error-active' : 'pt-muted'}>
                    {formatDate(item.erroredOnUtc)}: {item.errorMessage || item.statusText} {item.status === 'Active' ? '' : '(resolved)'}
                  </li>
                ))}
              </ul>
            ) : null}
            {connection.needsAttention ? <CopyField label={`${connection.platformName} connection URL`} value={connection.linkUrl} badge="Needs attention" /> : null}
            {can('developer') ? (
              <div class="pt-toolbar">
                {connection.status === 'Linked' ? (
                  <Button variant="secondary" onClick={() => setAction({ kind: 'unlink', connection })}>
                    Unlink<span class="dw-vh"> {connection.platformName}</span>
                  </Button>
                ) : null}
                <Button variant="danger" onClick={() => setAction({ kind: 'delete', connection })}>
                  Delete<span class="dw-vh"> {connection.platformName} connection</span>
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <Modal
        open={action !== undefined}
        danger
        busy={busy}
        title={action?.kind === 'unlink' ? `Unlink ${action.connection.platformName}?` : `Delete the ${action?.connection.platformName ?? ''} connection?`}
        body={
          action?.kind === 'unlink'
            ? 'Doorway forgets its tokens and revokes them at the platform. Data already fetched stays; the customer can link again.'
            : 'The connection and its tokens are removed. This cannot be undone.'
        }
        confirmLabel={action?.kind === 'unlink' ? 'Unlink' : 'Delete connection'}
        cancelLabel="Keep it"
        onConfirm={() => void confirm()}
        onClose={() => setAction(undefined)}
      />
    </section>
  );
}
