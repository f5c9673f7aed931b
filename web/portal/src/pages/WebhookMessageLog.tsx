import { useEffect, useState } from 'preact/hooks';
import { Button, Hidden } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { AttemptView, MessagesView, MessageStatus, MessageView } from '../../../../src/wire/portal/webhooks';
import { PortalApiError } from '../api';
import { formatDateTime } from '../format';
import { Table } from '../layout/Table';
import { usePortal } from '../portal-context';
import { navigate, withQuery } from '../router';
import { useResource } from '../use-resource';

/** Svix's statuses in words a person uses (and never colour alone). */
const STATES: Record<MessageStatus, { label: string; tone: string }> = {
  Sending: { label: 'Sending', tone: 'pending' },
  Attempting: { label: 'Retrying', tone: 'warn' },
  Success: { label: 'Delivered', tone: 'ok' },
  Failure: { label: 'Failed', tone: 'danger' },
};
const STATUSES = Object.keys(STATES) as MessageStatus[];
/** While something is on its way, the log follows it by itself. */
const FOLLOW_MS = 2000;

/**
 * A consumer's message log, newest first, paged by the server with a status filter (both in the
 * URL), each message's attempts on demand, resend one, recover the failed ones since a time.
 */
export function WebhookMessageLog({ consumerId }: { consumerId: string }) {
  const { api, can, location } = usePortal();
  const status = STATUSES.find((candidate) => candidate === location.query.get('status'));
  const page = Math.max(1, Number.parseInt(location.query.get('page') ?? '1', 10) || 1);
  const base = `/webhooks/${encodeURIComponent(consumerId)}`;
  const messages = useResource<MessagesView>(`${base}/messages?page=${page}${status ? `&status=${status}` : ''}`);
  const [open, setOpen] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const mayChange = can('developer');

  const pending = messages.data?.results.some((message) => message.status === 'Sending' || message.status === 'Attempting') ?? false;
  useEffect(() => {
    if (!pending || messages.loading) return;
    const timer = setTimeout(() => void messages.reload(), FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [pending, messages.loading, messages.data]);

  const act = async (work: () => Promise<string>) => {
    setError('');
    setNotice('');
    try {
      setNotice(await work());
      await messages.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const resend = (message: MessageView) =>
    act(async () => {
      await api.post(`${base}/messages/${encodeURIComponent(message.id)}/resend`);
      return `The ${message.eventType} message is queued to be sent again now.`;
    });
  const pages = messages.data ? Math.max(1, Math.ceil(messages.data.total / messages.data.pageSize)) : 1;

  return (
    <section class="pt-card" aria-labelledby="pt-log-title">
      <h2 id="pt-log-title">Message log</h2>
      <ErrorNotice message={error || messages.error?.message || ''} />
      <p class="pt-status-line" role="status">
        {notice}
      </p>
      <div class="pt-toolbar pt-log-toolbar">
        <Field label="Status">
          {({ id }) => (
            <select id={id} class="dw-input" value={status ?? ''} onChange={(e) => navigate(withQuery(location, { status: e.currentTarget.value, page: undefined }), { replace: true })}>
              <option value="">All messages</option>
              {STATUSES.map((value) => (
                <option value={value} key={value}>
                  {STATES[value].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button variant="secondary" busy={messages.loading} onClick={() => void messages.reload()}>
          Refresh
        </Button>
      </div>
      <Table
        caption="Messages"
        columns={['Event', 'Status', 'Attempts', 'Created', 'Last attempt', { hidden: 'Actions' }]}
        empty={messages.data?.results.length === 0 ? (status ? `No ${STATES[status].label.toLowerCase()} messages.` : 'No messages yet. Send a test event to see one here.') : undefined}
      >
        {messages.data?.results.map((message) => (
          <MessageRow key={message.id} base={base} message={message} open={open === message.id} onToggle={() => setOpen(open === message.id ? undefined : message.id)} onResend={mayChange ? () => void resend(message) : undefined} />
        ))}
      </Table>
      {messages.data && messages.data.total > messages.data.pageSize ? (
        <nav class="pt-toolbar pt-pager" aria-label="Message log pages">
          <Button variant="secondary" busy={page <= 1} onClick={() => navigate(withQuery(location, { page: page - 1 }), { replace: true })}>
            Previous<Hidden> page</Hidden>
          </Button>
          <span>
            Page {page} of {pages} ({messages.data.total} messages)
          </span>
          <Button variant="secondary" busy={page >= pages} onClick={() => navigate(withQuery(location, { page: page + 1 }), { replace: true })}>
            Next<Hidden> page</Hidden>
          </Button>
        </nav>
      ) : null}
      {mayChange ? <RecoverForm base={base} onRecovered={(count) => void act(async () => `${count} failed message${count === 1 ? ' is' : 's are'} queued to be sent again.`)} /> : null}
    </section>
  );
}

function MessageRow({ base, message, open, onToggle, onResend }: { base: string; message: MessageView; open: boolean; onToggle: () => void; onResend: (() => void) | undefined }) {
  const state = STATES[message.status];
  return (
    <>
      <tr>
        <td>
          <code>{message.eventType}</code>
        </td>
        <td>
          <span class={`dw-badge dw-badge--${state.tone}`}>{state.label}</span>
        </td>
        <td>{message.attempts}</td>
        <td>{formatDateTime(message.created)}</td>
        <td>{formatDateTime(message.lastAttempt)}</td>
        <td class="pt-cell-actions">
          <Button variant="quiet" onClick={onToggle} aria-expanded={open}>
            {open ? 'Hide attempts' : 'Attempts'}
            <Hidden> of {message.eventType} at {formatDateTime(message.created)}</Hidden>
          </Button>
          {onResend ? (
            <Button variant="secondary" onClick={onResend}>
              Resend<Hidden> {message.eventType} at {formatDateTime(message.created)}</Hidden>
            </Button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr class="pt-subrow">
          <td colSpan={6}>
            <AttemptList path={`${base}/messages/${encodeURIComponent(message.id)}/attempts`} attempts={message.attempts} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** One message's attempts, oldest first: when, the HTTP status, how long, and what came back. */
function AttemptList({ path, attempts }: { path: string; attempts: number }) {
  // The message's attempt count is in the key, so a new attempt loads the list again.
  const found = useResource<{ results: AttemptView[] }>(`${path}?seen=${attempts}`);
  if (found.error) return <ErrorNotice message={found.error.message} />;
  if (!found.data) return <p class="pt-muted">Loading attempts…</p>;
  if (found.data.results.length === 0) return <p class="pt-muted">Not attempted yet.</p>;
  return (
    <ol class="pt-attempts">
      {found.data.results.map((attempt) => (
        <li key={attempt.id}>
          <span class={`dw-badge dw-badge--${attempt.succeeded ? 'ok' : 'danger'}`}>{attempt.succeeded ? 'Succeeded' : 'Failed'}</span> {formatDateTime(attempt.at)} ·{' '}
          {attempt.statusCode === null ? 'no response' : `HTTP ${attempt.statusCode}`} · {attempt.latencyMs} ms
          {attempt.response ? <pre class="pt-response">{attempt.response}</pre> : null}
        </li>
      ))}
    </ol>
  );
}

function RecoverForm({ base, onRecovered }: { base: string; onRecovered: (count: number) => void }) {
  const { api } = usePortal();
  const [since, setSince] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFieldError(undefined);
    // A datetime-local value is the reader's local time; the API wants an instant.
    const instant = Number.isNaN(Date.parse(since)) ? since : new Date(since).toISOString();
    try {
      onRecovered((await api.post<{ recovered: number }>(`${base}/recover`, { since: instant })).recovered);
    } catch (failure) {
      setFieldError(failure instanceof PortalApiError ? (failure.fields.since ?? failure.message) : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="pt-toolbar pt-recover" onSubmit={submit} noValidate>
      <Field label="Recover failed messages since" hint="Every failed message from then on is sent again now." error={fieldError}>
        {({ id, describedBy, invalid }) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" type="datetime-local" value={since} onInput={(e) => setSince(e.currentTarget.value)} />
        )}
      </Field>
      <Button type="submit" variant="secondary" busy={busy}>
        Recover
      </Button>
    </form>
  );
}
