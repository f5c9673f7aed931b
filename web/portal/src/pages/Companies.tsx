import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { StatusBadge } from '../../../ui/src/components/StatusBadge';
import type { PortalCompanyPage, PortalCompanyRow } from '../../../../src/wire/portal/companies';
import { CreateCompanyForm } from '../companies/CreateCompanyForm';
import { formatDate } from '../companies/format';
import { Pager } from '../companies/Pager';
import { RequestDataDialog } from '../companies/RequestDataDialog';
import { Link } from '../layout/Link';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { navigate, withQuery } from '../router';
import { useResource } from '../use-resource';

const PAGE_SIZE = 25;
const STATUSES: Array<[string, string]> = [
  ['', 'Any'],
  ['Linked', 'Linked'],
  ['PendingAuth', 'Pending auth'],
  ['Unlinked', 'Unlinked'],
  ['Deauthorized', 'Deauthorized'],
  ['none', 'No connections'],
];
/** `sort:order` pairs, as the URL holds them. */
const SORTS: Array<[string, string]> = [
  ['created:desc', 'Newest first'],
  ['created:asc', 'Oldest first'],
  ['name:asc', 'Name, A to Z'],
  ['name:desc', 'Name, Z to A'],
  ['lastSync:desc', 'Last synced'],
];

/**
 * The Companies table: search (name or any tag), connection-status filter, sort and pages, all
 * answered by the server in SQL and all in the URL, so reload, Back and a shared link agree.
 */
export function Companies() {
  const { location, can } = usePortal();
  const query = location.query;
  const search = query.get('search') ?? '';
  const status = query.get('status') ?? '';
  const sort = `${query.get('sort') ?? 'created'}:${query.get('order') ?? (query.get('sort') === 'name' ? 'asc' : 'desc')}`;
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const params = new URLSearchParams({ pageSize: String(PAGE_SIZE), page: String(page) });
  if (search) params.set('search', search);
  if (status) params.set('status', status);
  const [sortField, sortOrder] = sort.split(':') as [string, string];
  params.set('sort', sortField);
  params.set('order', sortOrder);
  const list = useResource<PortalCompanyPage>(`/companies?${params.toString()}`);
  const [typed, setTyped] = useState(search);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState('');
  const [requesting, setRequesting] = useState<PortalCompanyRow | undefined>();
  const go = (changes: Record<string, string | number | undefined>) => navigate(withQuery(location, { page: undefined, ...changes }), { replace: true });

  const total = list.data?.total ?? 0;
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <>
      <PageHeader title="Companies" intro="Your customers, how far each has connected, and the links to send them.">
        {can('developer') && !creating ? <Button onClick={() => setCreating(true)}>Create company</Button> : null}
      </PageHeader>
      {creating ? (
        <CreateCompanyForm
          onCancel={() => setCreating(false)}
          onCreated={(company) => {
            setCreating(false);
            setCreated(`${company.name} was created.`);
            void list.reload();
          }}
        />
      ) : null}
      <p class="pt-notice" role="status">
        {created}
      </p>
      <form
        class="pt-toolbar pt-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          go({ search: typed.trim() });
        }}
      >
        <label class="pt-filter">
          <span class="dw-field-label">Search</span>
          <input class="dw-input" type="search" name="search" placeholder="Name, merchant id or any tag" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <label class="pt-filter">
          <span class="dw-field-label">Connection status</span>
          <select class="dw-input" value={status} onChange={(e) => go({ status: e.currentTarget.value })}>
            {STATUSES.map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </select>
        </label>
        <label class="pt-filter">
          <span class="dw-field-label">Sort by</span>
          <select
            class="dw-input"
            value={sort}
            onChange={(e) => {
              const [field, order] = e.currentTarget.value.split(':');
              go({ sort: field, order });
            }}
          >
            {SORTS.map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNotice message={list.error?.message ?? ''} />
      <p class="pt-muted" aria-live="polite">
        {list.loading && !list.data ? 'Loading…' : total === 0 ? 'No companies match.' : `Showing ${first}–${last} of ${total.toLocaleString('en-GB')}`}
      </p>
      {list.data && list.data.items.length > 0 ? (
        <div class="pt-table-wrap">
          <table class="pt-table pt-companies-table">
            <caption class="dw-vh">Companies, {SORTS.find(([value]) => value === sort)?.[1].toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">Connections</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span class="dw-vh">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link href={`/companies/${row.id}`}>{row.name}</Link>
                    {Object.keys(row.tags).length > 0 ? (
                      <div class="pt-muted pt-small">
                        {Object.entries(row.tags)
                          .map(([key, value]) => `${key}: ${value}`)
                          .join(' · ')}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {row.connections.length === 0 ? (
                      <span class="pt-muted">None yet</span>
                    ) : (
                      <span class="pt-badges">
                        {Object.entries(row.summary)
                          .filter(([, count]) => count > 0)
                          .map(([state, count]) => (
                            <span key={state}>
                              {count > 1 ? `${count} × ` : ''}
                              <StatusBadge status={state} />
                            </span>
                          ))}
                      </span>
                    )}
                  </td>
                  <td>{formatDate(row.created)}</td>
                  <td class="pt-actions-cell">
                    <Button variant="secondary" onClick={() => setRequesting(row)}>
                      Request data<span class="dw-vh"> from {row.name}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager label="Pages" page={page} pages={Math.ceil(total / PAGE_SIZE)} onPage={(next) => go({ page: next })} />
      <RequestDataDialog company={requesting} onClose={() => setRequesting(undefined)} />
    </>
  );
}
