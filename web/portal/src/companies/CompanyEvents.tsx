import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import type { PortalCompanyEventPage } from '../../../../src/wire/portal/companies';
import { usePortal } from '../portal-context';
import { navigate, withQuery } from '../router';
import { useResource } from '../use-resource';
import { formatDate } from './format';
import { Pager } from './Pager';

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
      <Pager label="Event pages" page={page} pages={Math.ceil(total / PAGE_SIZE)} onPage={go} previous="Newer events" next="Older events" />
    </section>
  );
}
