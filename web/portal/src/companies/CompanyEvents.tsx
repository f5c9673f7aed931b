import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import type { PortalCompanyEventPage } from '../../../../src/wire/portal/companies';
import { usePortal } from '../portal-context';
import { navigate, withQuery } from '../router';
import { useResource } from '../use-resource';
import { formatDate } from './format';

const PAGE_SIZE = 20;

/** The company's event history, newest first, paged by the server (`?events=` in the URL). */
export function CompanyEvents({ companyId, version }: { companyId: string; version: number }) {
  const { location } = usePortal();
  const page = Math.max(1, Number(location.query.get('events') ?? 1) || 1);
  const events = useResource<PortalCompanyEventPage>(`/companies/${companyId}/events?page=${page}&pageSize=${PAGE_SIZE}&v=${version}`);
  const total = events.data?.total ?? 0;
  const go = (next: number) => navigate(withQuery(location, { events: next === 1 ? undefined : next }), { replace: true });
  return (
    <section class="pt-card" aria-labelledby="pt-events-title">
      <h2 id="pt-events-title">Event history</h2>
      <ErrorNotice message={events.error?.message ?? ''} />
      {events.data && events.data.items.length === 0 ? <p class="pt-muted">No events yet.</p> : null}
      {events.data && events.data.items.length > 0 ? (
        <div class="pt-table-wrap">
          <table class="pt-table">
            <caption class="dw-vh">Events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
              </tr>
            </thead>
            <tbody>
              {events.data.items.map((event) => (
                <tr key={event.id}>
                  <td>{formatDate(event.created)}</td>
                  <td>
                    <code>{event.eventType}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {total > PAGE_SIZE ? (
        <nav class="pt-toolbar pt-pager" aria-label="Event pages">
          <Button variant="secondary" disabled={page <= 1} onClick={() => go(page - 1)}>
            Newer events
          </Button>
          <span class="pt-muted">
            Page {page} of {Math.ceil(total / PAGE_SIZE)}
          </span>
          <Button variant="secondary" disabled={page * PAGE_SIZE >= total} onClick={() => go(page + 1)}>
            Older events
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
