import { useState } from 'preact/hooks';
import { Button, Hidden } from '../../../ui/src/components/Button';
import { CopyField } from '../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import { Modal } from '../../../ui/src/components/Modal';
import type { ApiKeysView, ApiKeyView, CreatedApiKeyView } from '../../../../src/wire/portal/api-keys';
import { PortalApiError } from '../api';
import { formatDateTime } from '../format';
import { PageHeader } from '../layout/PageHeader';
import { Table } from '../layout/Table';
import { usePortal } from '../portal-context';
import { useResource } from '../use-resource';

const keyLabel = (key: ApiKeyView) => key.name ?? `the key ending ${key.hint.slice(-4)}`;

/**
 * API keys: the client's keys (name, the last characters, when made), a form to make one (shown
 * once, with the header to paste into a backend's config) and revoking one, which takes effect
 * at once and for good. Viewers see the list only.
 */
export function ApiKeys() {
  const { api, can } = usePortal();
  const keys = useResource<ApiKeysView>('/api-keys');
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyView | undefined>();
  const [revoking, setRevoking] = useState<ApiKeyView | undefined>();
  const mayChange = can('developer');
  const atLimit = keys.data !== undefined && keys.data.results.length >= keys.data.limit;

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFieldError(undefined);
    try {
      setCreated(await api.post<CreatedApiKeyView>('/api-keys', { name }));
      setName('');
      await keys.reload();
    } catch (failure) {
      if (failure instanceof PortalApiError && failure.fields.name) setFieldError(failure.fields.name);
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError('');
    try {
      await api.del(`/api-keys/${encodeURIComponent(revoking.id)}`);
      if (created?.key.id === revoking.id) setCreated(undefined);
      await keys.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
      setRevoking(undefined);
    }
  };

  return (
    <>
      <PageHeader title="API keys" intro="Your backend calls Doorway's Codat API with one of these keys. Each key is shown once, when it is made." />
      <ErrorNotice message={error || keys.error?.message || ''} />
      {created ? (
        <section class="pt-card pt-card--highlight" aria-labelledby="pt-new-key-title">
          <h2 id="pt-new-key-title">Your new key: {created.key.name}</h2>
          <p>
            <strong>Copy it now. It will not be shown again:</strong> Doorway keeps only a hash of it.
          </p>
          <CopyField label="API key" value={created.apiKey} />
          <CopyField label="Authorization header" value={`Authorization: ${created.authorizationHeader}`} />
          <p class="pt-muted">Codat's SDKs take the header's value as their auth header; with curl, pass the whole line with -H.</p>
          <Button variant="secondary" onClick={() => setCreated(undefined)}>
            I have copied it
          </Button>
        </section>
      ) : null}
      {mayChange ? (
        <form class="pt-card" onSubmit={create} noValidate aria-labelledby="pt-create-key-title">
          <h2 id="pt-create-key-title">Create a key</h2>
          {atLimit ? (
            <p class="pt-notice" role="status">
              You have {keys.data!.limit} keys, the most a client can have. Revoke one you no longer use to create another.
            </p>
          ) : null}
          <div class="pt-toolbar">
            <div class="pt-grow">
              <Field label="Name" hint="Say where it will be used, e.g. “Billing service (production)”." error={fieldError}>
                {({ id, describedBy, invalid }) => (
                  <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" name="name" maxLength={50} value={name} onInput={(e) => setName(e.currentTarget.value)} />
                )}
              </Field>
            </div>
            <Button type="submit" busy={busy || atLimit} class="pt-toolbar-button">
              Create key
            </Button>
          </div>
        </form>
      ) : (
        <p class="pt-muted">Your role can see the keys; a developer or an admin can create and revoke them.</p>
      )}
      <Table
        caption="API keys"
        columns={mayChange ? ['Name', 'Key', 'Created', { hidden: 'Actions' }] : ['Name', 'Key', 'Created']}
        empty={keys.data?.results.length === 0 ? 'There are no keys. Nothing can call the API until one is created.' : undefined}
      >
        {keys.data?.results.map((key) => (
          <tr key={key.id}>
            <td>{key.name ?? <span class="pt-muted">No name</span>}</td>
            <td>
              <code>{key.hint}</code>
            </td>
            <td>{formatDateTime(key.created)}</td>
            {mayChange ? (
              <td class="pt-cell-actions">
                <Button variant="secondary" onClick={() => setRevoking(key)}>
                  Revoke<Hidden> {keyLabel(key)}</Hidden>
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </Table>
      <Modal
        open={revoking !== undefined}
        title={`Revoke ${revoking ? keyLabel(revoking) : 'this key'}?`}
        body={'Anything still using it gets 401 Unauthorized from now on. A revoked key stays revoked: it cannot be brought back, not even by a restart.'}
        confirmLabel="Revoke key"
        cancelLabel="Keep it"
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onClose={() => setRevoking(undefined)}
      />
    </>
  );
}
