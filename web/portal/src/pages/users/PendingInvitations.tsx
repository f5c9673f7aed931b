import { useState } from 'preact/hooks';
import { Button, Hidden } from '../../../../ui/src/components/Button';
import { ErrorNotice } from '../../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../../ui/src/components/Modal';
import type { PortalInvitationView } from '../../../../../src/wire/portal/users';
import { PortalApiError } from '../../api';
import { usePortal } from '../../portal-context';
import { formatDay, roleLabel } from './role-options';

/** Invitations not yet accepted, each with Revoke (its link stops working at once). */
export function PendingInvitations({ invitations, onChanged }: { invitations: PortalInvitationView[]; onChanged: () => Promise<void> }) {
  const { api } = usePortal();
  const [revoking, setRevoking] = useState<PortalInvitationView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const revoke = async (invitation: PortalInvitationView) => {
    setBusy(true);
    setError('');
    try {
      await api.del(`/invitations/${encodeURIComponent(invitation.id)}`);
    } catch (failure) {
      setError(failure instanceof PortalApiError ? failure.message : 'Revoking failed. Try again.');
    } finally {
      setBusy(false);
      setRevoking(undefined);
      await onChanged();
    }
  };

  return (
    <>
      <ErrorNotice message={error} />
      {invitations.length === 0 ? (
        <p class="pt-muted">No invitations are waiting to be accepted.</p>
      ) : (
        <div class="pt-table-wrap">
          <table class="pt-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Link valid until</th>
                <th scope="col">
                  <Hidden>Actions</Hidden>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{roleLabel(invitation.role)}</td>
                  <td>{formatDay(invitation.expiresAt)}</td>
                  <td class="pt-row-actions">
                    <Button variant="secondary" busy={busy} onClick={() => setRevoking(invitation)}>
                      Revoke<Hidden> the invitation for {invitation.email}</Hidden>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={revoking !== undefined}
        title={`Revoke the invitation for ${revoking?.email ?? ''}?`}
        body="Its link stops working at once. You can invite them again later."
        confirmLabel="Revoke invitation"
        cancelLabel="Cancel"
        danger
        busy={busy}
        onClose={() => setRevoking(undefined)}
        onConfirm={() => revoking && void revoke(revoking)}
      />
    </>
  );
}
