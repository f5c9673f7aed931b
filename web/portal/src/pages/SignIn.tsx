import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalSessionView } from '../../../../src/wire/portal/session';
import { PortalApiError, type PortalApi } from '../api';

/**
 * The sign-in form. It keeps what was typed on failure, and says only that the pair did not
 * match (never whether the email exists), or to slow down.
 */
export function SignIn({ api, onSignedIn }: { api: PortalApi; onSignedIn: (session: PortalSessionView) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      onSignedIn(await api.post<PortalSessionView>('/session', { email, password }));
    } catch (failure) {
      setError(failure instanceof PortalApiError ? failure.message : 'Signing in failed. Try again.');
      setBusy(false);
    }
  };
  return (
    <main class="pt-sign-in">
      <form class="pt-card pt-sign-in-card" onSubmit={submit} noValidate>
        <h1 class="pt-page-title">Sign in to Doorway</h1>
        <ErrorNotice message={error} />
        <Field label="Email">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} class="dw-input" type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Password">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} class="dw-input" type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
        <Button type="submit" busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
