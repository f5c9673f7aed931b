import { useState } from 'preact/hooks';
import { Button } from '../../../../ui/src/components/Button';
import { CopyField } from '../../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../../ui/src/components/ErrorNotice';
import { Field } from '../../../../ui/src/components/Field';
import type { StaffRole } from '../../../../../src/wire/portal/session';
import type { PortalCreatedInvitation } from '../../../../../src/wire/portal/users';
import { formProblem } from '../../form-problem';
import { usePortal } from '../../portal-context';
import { ROLE_CHOICES, RoleOptions } from './role-options';

/**
 * Invite someone by email with a role. The link is shown here once (the server keeps only its
 * hash), with a Copy button; a refusal keeps what was typed and says what is wrong beside it.
 */
export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { api } = usePortal();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('developer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<PortalCreatedInvitation | undefined>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      const answer = await api.post<PortalCreatedInvitation>('/invitations', { email, role });
      setCreated(answer);
      setEmail('');
      onInvited();
    } catch (failure) {
      const problem = formProblem(failure, 'Inviting failed. Try again.');
      setFields(problem.fields);
      setError(problem.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="pt-card" aria-labelledby="pt-invite-heading">
      <h2 id="pt-invite-heading">Invite a user</h2>
      <form class="pt-invite-form" onSubmit={submit} noValidate>
        <ErrorNotice message={error} />
        <div class="pt-toolbar">
          <div class="pt-invite-email">
            <Field label="Email" error={fields.email}>
              {({ id, describedBy, invalid }) => (
                <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" type="email" name="email" autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
              )}
            </Field>
          </div>
          <Field label="Role" error={fields.role}>
            {({ id, describedBy, invalid }) => (
              <select id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
                <RoleOptions />
              </select>
            )}
          </Field>
          <Button type="submit" busy={busy}>
            {busy ? 'Inviting…' : 'Invite'}
          </Button>
        </div>
        <p class="pt-muted pt-role-help">{ROLE_CHOICES.map((choice) => `${choice.label}: ${choice.description}.`).join(' ')}</p>
      </form>
      {created ? (
        <div class="pt-invite-created" data-testid="invitation-created">
          <CopyField label={`Invitation link for ${created.invitation.email}`} value={created.url} />
          <p class="pt-muted">Valid 7 days, for one use. Copy it now and send it to them: it is not shown again.</p>
        </div>
      ) : null}
    </section>
  );
}
