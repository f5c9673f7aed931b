import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalSessionView } from '../../../../src/wire/portal/session';
import type { PortalInvitationPreview } from '../../../../src/wire/portal/users';
import { PortalApiError, type PortalApi } from '../api';
import { navigate, PORTAL_BASE } from '../router';
import { roleLabel } from './users/role-options';

type Loaded = { status: 'loading' } | { status: 'unusable'; message: string } | { status: 'ready'; preview: PortalInvitationPreview };

/**
 * The page an invitation link opens, with no session: which team and email it is for, and a
 * password to choose. Accepting signs the person in and goes to the Portal's home. A link that
 * was used, revoked or has expired says so, and whom to ask.
 */
export function AcceptInvitation({ api, params, onSignedIn }: { api: PortalApi; params: Record<string, string>; onSignedIn: (session: PortalSessionView) => void }) {
  const token = params.token ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);

  useEffect(() => {
    document.title = 'Join your team · Doorway Portal';
    api.get<PortalInvitationPreview>(`/invitation-links/${encodeURIComponent(token)}`).then(
      (preview) => setLoaded({ status: 'ready', preview }),
      (failure) => setLoaded({ status: 'unusable', message: failure instanceof PortalApiError ? failure.message : 'Doorway could not be reached. Try again.' }),
    );
  }, [api, token]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFieldError(undefined);
    try {
      const session = await api.post<PortalSessionView>(`/invitation-links/${encodeURIComponent(token)}`, { password });
      navigate('/', { replace: true });
      onSignedIn(session);
    } catch (failure) {
      const problem = failure instanceof PortalApiError ? failure : new PortalApiError(0, 'UNKNOWN', 'That did not work. Try again.');
      if (problem.fields.password) setFieldError(problem.fields.password);
      else if (problem.status === 404) setLoaded({ status: 'unusable', message: problem.message });
      else setError(problem.message);
      setBusy(false);
    }
  };

  if (loaded.status === 'loading') return <p class="pt-loading">Loading…</p>;
  if (loaded.status === 'unusable') {
    return (
      <main class="pt-sign-in">
        <div class="pt-card pt-sign-in-card">
          <h1 class="pt-page-title">This invitation cannot be used</h1>
          <p>{loaded.message}</p>
          <p>
            Already have an account? <a href={PORTAL_BASE}>Sign in</a>.
          </p>
        </div>
      </main>
    );
  }
  const { preview } = loaded;
  return (
    <main class="pt-sign-in">
      <form class="pt-card pt-sign-in-card" onSubmit={submit} noValidate>
        <h1 class="pt-page-title">Join {preview.client.name}</h1>
        <p>
          You were invited to its Doorway Portal as <strong>{roleLabel(preview.role).toLowerCase()}</strong>. Choose a password to finish; you will sign in with it and this email.
        </p>
        <ErrorNotice message={error} />
        <Field label="Email">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} class="dw-input" type="email" name="email" autoComplete="username" readOnly value={preview.email} />}
        </Field>
        <Field label="Choose a password" hint="At least 12 characters. A few words you will remember work well." error={fieldError}>
          {({ id, describedBy, invalid }) => (
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" type="password" name="password" autoComplete="new-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
        <Button type="submit" busy={busy}>
          {busy ? 'Joining…' : 'Join and sign in'}
        </Button>
      </form>
    </main>
  );
}
