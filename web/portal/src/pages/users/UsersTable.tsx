import { useState } from 'preact/hooks';
import { Button, Hidden } from '../../../../ui/src/components/Button';
import { ErrorNotice } from '../../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../../ui/src/components/Modal';
import type { StaffRole } from '../../../../../src/wire/portal/session';
import type { PortalStaffUserView } from '../../../../../src/wire/portal/users';
import { PortalApiError } from '../../api';
import { usePortal } from '../../portal-context';
import { navigate } from '../../router';
import { formatDay, roleLabel, RoleOptions } from './role-options';

type Pending = { kind: 'remove'; user: PortalStaffUserView } | { kind: 'demote-self'; user: PortalStaffUserView; role: StaffRole };

/**
 * The client's users with a role select and Remove for each. Removing anyone, and taking the
 * admin role away from yourself, asks first; the server refuses to leave the client without an
 * admin, and that refusal is shown here.
 */
export function UsersTable({ users, onChanged }: { users: PortalStaffUserView[]; onChanged: () => Promise<void> }) {
  const { api, session, refreshSession } = usePortal();
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const isSelf = (user: PortalStaffUserView) => user.id === session.user.id;

  const run = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      await work();
      setStatus(done);
    } catch (failure) {
      setError(failure instanceof PortalApiError ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
      setPending(undefined);
      await onChanged();
    }
  };

  const changeRole = (user: PortalStaffUserView, role: StaffRole) =>
    run(async () => {
      await api.patch(`/users/${encodeURIComponent(user.id)}`, { role });
      if (isSelf(user) && role !== 'admin') {
        await refreshSession();
        // No longer an admin: this page is gone for them; home is wherever `/` leads.
        navigate('/');
      }
    }, `${user.email} is now ${roleLabel(role).toLowerCase()}.`);

  const remove = (user: PortalStaffUserView) =>
    run(async () => {
      await api.del(`/users/${encodeURIComponent(user.id)}`);
      // Removing yourself ends your session: this falls back to the sign-in form.
      if (isSelf(user)) await refreshSession();
    }, `${user.email} was removed and signed out.`);

  const onRoleSelected = (user: PortalStaffUserView, role: StaffRole) => {
    if (role === user.role) return;
    if (isSelf(user) && user.role === 'admin') setPending({ kind: 'demote-self', user, role });
    else void changeRole(user, role);
  };

  const modal = describePending(pending, session.user.id);
  return (
    <>
      <ErrorNotice message={error} />
      <p class="pt-status" aria-live="polite">
        {status}
      </p>
      <div class="pt-table-wrap">
        <table class="pt-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col" class="pt-wide-only">
                Added
              </th>
              <th scope="col">
                <Hidden>Actions</Hidden>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.email}
                  {isSelf(user) ? <span class="pt-muted"> (you)</span> : null}
                </td>
                <td>
                  <select class="dw-input pt-role-select" aria-label={`Role of ${user.email}`} value={user.role} disabled={busy} onChange={(e) => onRoleSelected(user, e.currentTarget.value as StaffRole)}>
                    <RoleOptions />
                  </select>
                </td>
                <td class="pt-wide-only">{formatDay(user.created)}</td>
                <td class="pt-row-actions">
                  <Button variant="secondary" busy={busy} onClick={() => setPending({ kind: 'remove', user })}>
                    Remove<Hidden> {user.email}</Hidden>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Modal
        open={pending !== undefined}
        title={modal.title}
        body={modal.body}
        confirmLabel={modal.confirm}
        cancelLabel="Cancel"
        danger={pending?.kind === 'remove'}
        busy={busy}
        onClose={() => {
          setPending(undefined);
          void onChanged();
        }}
        onConfirm={() => {
          if (pending?.kind === 'remove') void remove(pending.user);
          else if (pending?.kind === 'demote-self') void changeRole(pending.user, pending.role);
        }}
      />
    </>
  );
}

function describePending(pending: Pending | undefined, selfId: string): { title: string; body: string; confirm: string } {
  if (pending?.kind === 'demote-self') {
    const role = roleLabel(pending.role).toLowerCase();
    return {
      title: `Make yourself ${role}?`,
      body: 'You will no longer be an admin: you will not be able to manage users, or to make yourself an admin again.',
      confirm: `Make me ${role}`,
    };
  }
  if (pending?.user.id === selfId) {
    return { title: 'Remove your own account?', body: 'You will be signed out at once and will not be able to sign in again.', confirm: 'Remove my account' };
  }
  return {
    title: `Remove ${pending?.user.email ?? 'this user'}?`,
    body: 'They are signed out at once and can no longer sign in. To let them back in, invite them again.',
    confirm: 'Remove user',
  };
}
