import { useState } from 'preact/hooks';
import { Button } from '../../../../ui/src/components/Button';
import { CopyField } from '../../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../../ui/src/components/ErrorNotice';
import { Field } from '../../../../ui/src/components/Field';
import { PlatformLogo } from '../../../../ui/src/components/PlatformLogo';
import type { PortalIntegrationTestView, PortalIntegrationView } from '../../../../../src/wire/portal/settings';
import { usePortal } from '../../portal-context';
import { useSubmit } from '../../use-submit';

const KIND = { oauth2: 'Your OAuth app', credentials: 'Each business enters its own credentials', sandbox: 'Doorway’s Sandbox: works as it is' } as const;

/**
 * One platform: its switch and, for an OAuth platform, the client's own app. The secret is
 * write-only: the page only knows whether one is set; an empty secret field keeps it.
 */
export function IntegrationCard({ integration, onSaved }: { integration: PortalIntegrationView; onSaved: (next: PortalIntegrationView) => void }) {
  const { api, can } = usePortal();
  const readOnly = !can('developer');
  const oauth = integration.oauth;
  const [enabled, setEnabled] = useState(integration.enabled);
  const [clientId, setClientId] = useState(oauth?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const { busy, error, fields, status, run } = useSubmit();
  const [verdict, setVerdict] = useState<PortalIntegrationTestView | null>(null);
  const titleId = `pt-integration-${integration.key}`;

  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const body = { enabled, ...(oauth ? { clientId: clientId.trim() || null, ...(clientSecret ? { clientSecret } : {}) } : {}) };
      const saved = await api.put<PortalIntegrationView>(`/integrations/${integration.key}`, body);
      setClientSecret('');
      onSaved(saved);
      return 'Saved.';
    });
  };

  const test = () =>
    run(async () => {
      setVerdict(null);
      const body = { ...(clientId.trim() ? { clientId: clientId.trim() } : {}), ...(clientSecret ? { clientSecret } : {}) };
      setVerdict(await api.post<PortalIntegrationTestView>(`/integrations/${integration.key}/test`, body));
    });

  return (
    <form class="pt-card" aria-labelledby={titleId} onSubmit={save} noValidate>
      <div class="pt-integration-head">
        <PlatformLogo src={integration.logoUrl} />
        <h3 id={titleId}>{integration.name}</h3>
        <span class="pt-muted">
          {integration.sourceType} · {KIND[integration.authType]}
        </span>
      </div>
      <ErrorNotice message={error} />
      <label class="pt-check">
        <input type="checkbox" checked={enabled} disabled={readOnly} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Offer {integration.name} in Link
      </label>
      {oauth ? (
        <>
          <div class="pt-branding">
            <Field label="Client id" error={fields.clientId}>
              {({ id, describedBy, invalid }) => (
                <input id={id} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} class="dw-input" autoComplete="off" readOnly={readOnly} value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} />
              )}
            </Field>
            <Field label="Client secret" hint={oauth.hasClientSecret ? 'Set. Leave empty to keep it; it is never shown.' : 'Not set.'} error={fields.clientSecret}>
              {({ id, describedBy, invalid }) => (
                <input id={id} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} class="dw-input" type="password" autoComplete="new-password" readOnly={readOnly} value={clientSecret} onInput={(e) => setClientSecret(e.currentTarget.value)} />
              )}
            </Field>
          </div>
          <CopyField label="Callback URL to register at the platform" value={oauth.callbackUrl} />
        </>
      ) : null}
      {readOnly ? null : (
        <div class="pt-form-actions">
          <Button type="submit" busy={busy}>
            Save
          </Button>
          {oauth ? (
            <Button variant="secondary" busy={busy} onClick={() => void test()}>
              Test credentials
            </Button>
          ) : null}
          <p class="pt-muted" role="status">
            {status}
          </p>
        </div>
      )}
      <div aria-live="polite">
        {verdict ? (
          <p class={`pt-verdict ${verdict.result === 'valid' ? 'pt-verdict--good' : verdict.result === 'invalid' ? 'pt-verdict--bad' : ''}`} data-testid="credentials-verdict">
            <strong>{verdict.result === 'valid' ? 'Accepted' : verdict.result === 'invalid' ? 'Refused' : 'Not checked'}</strong>: {verdict.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
