import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalSessionView } from '../../../../src/wire/portal/session';
import { formProblem } from '../form-problem';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';

/**
 * The signed-in user's own account, for every role: changing the password (the current one
 * first). Every other session of theirs ends; this browser continues signed in.
 */
export function Account() {
  const { api, session, refreshSession } = usePortal();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    setStatus('');
    try {
      const next = await api.put<PortalSessionView>('/account/password', { currentPassword, newPassword });
      api.setCsrfToken(next.csrfToken);
      setCurrentPassword('');
      setNewPassword('');
      setStatus('Your password was changed. You were signed out on every other device.');
      await refreshSession();
    } catch (failure) {
      const problem = formProblem(failure, 'That did not work. Try again.');
      setFields(problem.fields);
      setError(problem.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="Your account" intro={`Signed in as ${session.user.email} (${session.user.role}) for ${session.client.name}.`} />
      <section class="pt-card pt-narrow" aria-labelledby="pt-password-heading">
        <h2 id="pt-password-heading">Change your password</h2>
        <form onSubmit={submit} noValidate>
          <ErrorNotice message={error} />
          <input type="email" name="username" autoComplete="username" value={session.user.email} readOnly hidden />
          <Field label="Current password" error={fields.currentPassword}>
            {({ id, describedBy, invalid }) => (
              <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" type="password" autoComplete="current-password" value={currentPassword} onInput={(e) => setCurrentPassword(e.currentTarget.value)} />
            )}
          </Field>
          <Field label="New password" hint="At least 12 characters." error={fields.newPassword}>
            {({ id, describedBy, invalid }) => (
              <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" type="password" autoComplete="new-password" value={newPassword} onInput={(e) => setNewPassword(e.currentTarget.value)} />
            )}
          </Field>
          <Button type="submit" busy={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </Button>
          <p class="pt-status" aria-live="polite">
            {status}
          </p>
        </form>
      </section>
    </>
  );
}
