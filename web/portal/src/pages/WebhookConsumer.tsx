import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../ui/src/components/Modal';
import type { ConsumersView, ConsumerView, CreateConsumerBody, MessageView } from '../../../../src/wire/portal/webhooks';
import { formatDateTime } from '../format';
import { Link } from '../layout/Link';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { navigate } from '../router';
import { useResource } from '../use-resource';
import { WebhookConsumerForm } from './WebhookConsumerForm';
import { WebhookMessageLog } from './WebhookMessageLog';
import { WebhookSecret } from './WebhookSecret';
import { ConsumerState } from './Webhooks';

/**
 * One webhook consumer: its settings (edit, disable or enable, delete), its signing secret, a
 * test event, and its message log.
 */
export function WebhookConsumer() {
  const { api, can, params } = usePortal();
  const consumerId = params.consumerId ?? '';
  const path = `/webhooks/${encodeURIComponent(consumerId)}`;
  const consumer = useResource<ConsumerView>(path);
  // The form's choices: the event types Doorway emits.
  const catalog = useResource<ConsumersView>(can('developer') ? '/webhooks' : undefined);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  // Bumped after a test event, so the log shows it at once.
  const [logVersion, setLogVersion] = useState(0);
  const mayChange = can('developer');

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const save = async (body: CreateConsumerBody) => {
    await api.patch<ConsumerView>(path, body);
    setEditing(false);
    await consumer.reload();
  };
  const setDisabled = (disabled: boolean) =>
    run(async () => {
      await api.patch<ConsumerView>(path, { disabled });
      await consumer.reload();
    });
  const sendTest = () =>
    run(async () => {
      await api.post<MessageView>(`${path}/test`);
      setNotice('A webhook.test event is on its way. Follow it in the message log below.');
      setLogVersion((version) => version + 1);
    });
  const remove = () =>
    run(async () => {
      await api.del(path);
      navigate('/webhooks');
    });

  if (consumer.error?.status === 404) {
    return (
      <>
        <PageHeader title="Consumer not found" />
        <p>
          There is no webhook consumer at this address. See all <Link href="/webhooks">webhooks</Link>.
        </p>
      </>
    );
  }
  const data = consumer.data;
  return (
    <>
      <PageHeader title="Webhook consumer" intro={data?.url}>
        {mayChange && data ? (
          <>
            <Button busy={busy} onClick={() => void sendTest()}>
              Send test event
            </Button>
            <Button variant="secondary" busy={busy} onClick={() => void setDisabled(!data.disabled)}>
              {data.disabled ? 'Enable' : 'Disable'}
            </Button>
            <Button variant="danger" busy={busy} onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        ) : null}
      </PageHeader>
      <p>
        <Link href="/webhooks">All webhooks</Link>
      </p>
      <ErrorNotice message={error || consumer.error?.message || ''} />
      <p class="pt-status-line" role="status">
        {notice}
      </p>
      {data ? (
        <section class="pt-card" aria-labelledby="pt-settings-title">
          <h2 id="pt-settings-title">Settings</h2>
          {editing && catalog.data ? (
            <WebhookConsumerForm eventTypes={catalog.data.eventTypes} initial={data} submitLabel="Save changes" onSubmit={save} onCancel={() => setEditing(false)} />
          ) : (
            <>
              <dl class="pt-facts">
                <dt>State</dt>
                <dd>
                  <ConsumerState consumer={data} /> {data.disabledReason ? <span class="pt-muted">{data.disabledReason}</span> : null}
                  {data.failingSince && !data.disabled ? <span class="pt-muted"> Every delivery has failed since {formatDateTime(data.failingSince)}.</span> : null}
                </dd>
                <dt>Endpoint</dt>
                <dd class="pt-cell-url">{data.url}</dd>
                <dt>Event types</dt>
                <dd>{data.eventTypes.map((type) => <code key={type} class="pt-chip">{type}</code>)}</dd>
                <dt>Company tags</dt>
                <dd>{data.companyTags?.length ? data.companyTags.map((tag) => <code key={tag} class="pt-chip">{tag}</code>) : 'Every company'}</dd>
                <dt>Created</dt>
                <dd>{formatDateTime(data.created)}</dd>
              </dl>
              {mayChange ? (
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  Edit settings
                </Button>
              ) : null}
            </>
          )}
        </section>
      ) : null}
      {data ? <WebhookSecret consumerId={data.id} /> : null}
      {data ? <WebhookMessageLog key={logVersion} consumerId={data.id} /> : null}
      <Modal
        open={deleting}
        title="Delete this consumer?"
        body={`Doorway stops sending events to ${data?.url ?? 'it'} and forgets its message log. This cannot be undone.`}
        confirmLabel="Delete consumer"
        cancelLabel="Keep it"
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
