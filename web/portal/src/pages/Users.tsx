import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import type { PortalInvitationList, PortalStaffUserPage } from '../../../../src/wire/portal/users';
import { Pager } from '../companies/Pager';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { navigate, withQuery } from '../router';
import { useResource } from '../use-resource';
import { InviteForm } from './users/InviteForm';
import { PendingInvitations } from './users/PendingInvitations';
import { UsersTable } from './users/UsersTable';

const PAGE_SIZE = 50;

/** Admins only (the route table and the API both say so): who may sign in, and with which role. */
export function Users() {
  const { location } = usePortal();
  const pageNumber = Math.max(1, Number(location.query.get('page')) || 1);
  const users = useResource<PortalStaffUserPage>(`/users?page=${pageNumber}&pageSize=${PAGE_SIZE}`);
  const invitations = useResource<PortalInvitationList>('/invitations');
  const pages = users.data ? Math.max(1, Math.ceil(users.data.totalResults / PAGE_SIZE)) : 1;
  const goTo = (page: number) => navigate(withQuery(location, { page: page === 1 ? undefined : page }), { replace: true });

  return (
    <>
      <PageHeader title="Users" intro="Who can sign in to this client's Portal, and what each may do. Invite people by email; each invitation link works once." />
      <section class="pt-card" aria-labelledby="pt-users-heading">
        <h2 id="pt-users-heading">Users{users.data ? ` (${users.data.totalResults})` : ''}</h2>
        <ErrorNotice message={users.error?.message ?? ''} />
        {users.data ? <UsersTable users={users.data.results} onChanged={users.reload} /> : <p class="pt-muted">Loading…</p>}
        <Pager label="Pages of users" page={pageNumber} pages={pages} onPage={goTo} />
      </section>
      <InviteForm onInvited={() => void invitations.reload()} />
      <section class="pt-card" aria-labelledby="pt-pending-heading">
        <h2 id="pt-pending-heading">Pending invitations</h2>
        <ErrorNotice message={invitations.error?.message ?? ''} />
        {invitations.data ? <PendingInvitations invitations={invitations.data.results} onChanged={invitations.reload} /> : null}
      </section>
    </>
  );
}
