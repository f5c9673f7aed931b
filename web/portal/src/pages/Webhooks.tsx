import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import type { ConsumersView, ConsumerView, CreateConsumerBody } from '../../../../src/wire/portal/webhooks';
import { Link } from '../layout/Link';
import { PageHeader } from '../layout/PageHeader';
import { Table } from '../layout/Table';
import { usePortal } from '../portal-context';
import { navigate } from '../router';
import { useResource } from '../use-resource';
import { WebhookConsumerForm } from './WebhookConsumerForm';

/** Enabled, disabled by the client, or disabled by Doorway after days of failures: in words, not colour alone. */
export function ConsumerState({ consumer }: { consumer: ConsumerView }) {
  if (consumer.disabled) return <span class="dw-badge dw-badge--neutral">Disabled</span>;
  if (consumer.failingSince) return <span class="dw-badge dw-badge--danger">Failing</span>;
  return <span class="dw-badge dw-badge--ok">Active</span>;
}

/**
 * Webhooks: every consumer (endpoint, events, tag filter, state), each opening its own page
 * (secret, message log); developers add one here.
 */
export function Webhooks() {
  const { api, can } = usePortal();
  const consumers = useResource<ConsumersView>('/webhooks');
  const [adding, setAdding] = useState(false);
  const mayChange = can('developer');
  const atLimit = consumers.data !== undefined && consumers.data.results.length >= consumers.data.limit;

  const create = async (body: CreateConsumerBody) => {
    const created = await api.post<ConsumerView>('/webhooks', body);
    navigate(`/webhooks/${encodeURIComponent(created.id)}`);
  };

  return (
    <>
      <PageHeader title="Webhooks" intro="Doorway tells your backend about companies and connections as they change, with Codat's event bodies, signed with Standard Webhooks.">
        {mayChange && !adding ? (
          <Button onClick={() => setAdding(true)} busy={atLimit}>
            Add consumer
          </Button>
        ) : null}
      </PageHeader>
      <ErrorNotice message={consumers.error?.message ?? ''} />
      {atLimit && mayChange ? <p class="pt-notice">You have {consumers.data!.limit} consumers, the most a client can have. Delete one to add another.</p> : null}
      {adding && consumers.data ? (
        <section class="pt-card" aria-labelledby="pt-add-consumer-title">
          <h2 id="pt-add-consumer-title">Add a consumer</h2>
          <WebhookConsumerForm eventTypes={consumers.data.eventTypes} submitLabel="Add consumer" onSubmit={create} onCancel={() => setAdding(false)} />
        </section>
      ) : null}
      <Table
        caption="Webhook consumers"
        columns={['Endpoint', 'Event types', 'Company tags', 'State']}
        empty={consumers.data?.results.length === 0 ? `No consumers yet${mayChange ? ': add one to receive events.' : '.'}` : undefined}
      >
        {consumers.data?.results.map((consumer) => (
          <tr key={consumer.id}>
            <td class="pt-cell-url">
              <Link href={`/webhooks/${encodeURIComponent(consumer.id)}`}>{consumer.url}</Link>
            </td>
            <td>{consumer.eventTypes.join(', ')}</td>
            <td>{consumer.companyTags?.join(', ') || <span class="pt-muted">Every company</span>}</td>
            <td>
              <ConsumerState consumer={consumer} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
