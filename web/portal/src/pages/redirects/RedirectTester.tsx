import { useState } from 'preact/hooks';
import { Button } from '../../../../ui/src/components/Button';
import { ErrorNotice } from '../../../../ui/src/components/ErrorNotice';
import { Field } from '../../../../ui/src/components/Field';
import type { PortalRedirectSettingsView, PortalRedirectTestView, RedirectTestBody } from '../../../../../src/wire/portal/settings';
import { usePortal } from '../../portal-context';
import { useSubmit } from '../../use-submit';

/** `name=value` per line → the Link URL's query parameters. */
export function parseQuery(text: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) query[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return query;
}

/**
 * Resolves the form's redirect (saved or not) for sample values, exactly as the end of Link
 * would, and says whether it would be allowed and, if not, why.
 */
export function RedirectTester({ draft, platforms }: { draft: { redirectUrl: string; whiteListUrls: string[] }; platforms: PortalRedirectSettingsView['platforms'] }) {
  const { api } = usePortal();
  const [companyId, setCompanyId] = useState('');
  const [connectionId, setConnectionId] = useState('');
  const [platformKey, setPlatformKey] = useState('');
  const [outcome, setOutcome] = useState<'completed' | 'exited'>('completed');
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<PortalRedirectTestView | null>(null);
  const { busy, error, run } = useSubmit('The test failed. Try again.');

  const test = (event: Event) => {
    event.preventDefault();
    const body: RedirectTestBody = {
      redirectUrl: draft.redirectUrl,
      whiteListUrls: draft.whiteListUrls,
      sample: {
        ...(companyId.trim() ? { companyId: companyId.trim() } : {}),
        ...(connectionId.trim() ? { connectionId: connectionId.trim() } : {}),
        ...(platformKey ? { platformKey } : {}),
        outcome,
        query: parseQuery(query),
      },
    };
    void run(async () => {
      setResult(await api.post<PortalRedirectTestView>('/settings/redirects/test', body));
    });
  };

  const text = (label: string, value: string, set: (v: string) => void, hint?: string) => (
    <Field label={label} hint={hint}>
      {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} class="dw-input" value={value} onInput={(e) => set(e.currentTarget.value)} />}
    </Field>
  );

  return (
    <section class="pt-card" aria-labelledby="pt-tester-title">
      <h2 id="pt-tester-title">Test the redirect</h2>
      <p class="pt-muted">Uses the redirect URL and allowed URLs above, saved or not.</p>
      <form onSubmit={test} noValidate>
        <div class="pt-branding">
          {text('Sample company id', companyId, setCompanyId, 'Empty: an example id.')}
          {text('Sample connection id', connectionId, setConnectionId, 'Empty: an example id when a platform is chosen.')}
          <Field label="Sample platform">
            {({ id }) => (
              <select id={id} class="dw-input" value={platformKey} onChange={(e) => setPlatformKey(e.currentTarget.value)}>
                <option value="">None</option>
                {platforms.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name} ({p.sourceType})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Outcome">
            {({ id }) => (
              <select id={id} class="dw-input" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as 'completed' | 'exited')}>
                <option value="completed">Completed (statusCode 200)</option>
                <option value="exited">Exited (statusCode 403)</option>
              </select>
            )}
          </Field>
        </div>
        <Field label="Link URL query parameters" hint="One name=value per line; they fill your own {placeholders}.">
          {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} class="dw-input pt-settings-text" rows={2} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />}
        </Field>
        <Button type="submit" busy={busy}>
          {busy ? 'Testing…' : 'Test redirect'}
        </Button>
      </form>
      <ErrorNotice message={error} />
      <div aria-live="polite">
        {result ? (
          <div class={`pt-verdict ${result.allowed ? 'pt-verdict--good' : 'pt-verdict--bad'}`} data-testid="redirect-verdict">
            <p>
              <strong>{result.allowed ? 'Allowed' : result.configured ? 'Would be refused' : 'No redirect'}</strong>
              {result.reason ? `: ${result.reason}` : ''}
            </p>
            {result.resolvedUrl ? <p class="pt-code">{result.resolvedUrl}</p> : null}
            {result.placeholders.length > 0 ? (
              <ul>
                {result.placeholders.map((p) => (
                  <li key={p.name}>
                    <code>{`{${p.name}}`}</code> → {p.value === '' ? <span class="pt-muted">(empty)</span> : <code>{p.value}</code>}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
