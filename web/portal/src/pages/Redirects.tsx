import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalRedirectSettingsView } from '../../../../src/wire/portal/settings';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { useResource } from '../use-resource';
import { useSubmit } from '../use-submit';
import { SaveBar } from './link-settings/SaveBar';
import { RedirectTester } from './redirects/RedirectTester';
import '../styles/settings.css';

/** The reserved placeholders (src/domain/link/redirect.ts) and what fills each at the end of Link. */
const PLACEHOLDERS: [string, string][] = [
  ['clientId', 'Your client id in Doorway.'],
  ['companyId', 'The company whose Link it was.'],
  ['connectionId', 'The connection the customer worked on last (empty if none).'],
  ['integrationId', 'That connection’s integration id.'],
  ['sourceId', 'That connection’s source id.'],
  ['platform', 'That connection’s platform key (four letters).'],
  ['platformName', 'That connection’s platform name, e.g. Xero.'],
  ['sourceType', 'Accounting, Banking or Commerce.'],
  ['statusCode', '200 when the customer completed, 403 when they exited.'],
  ['errorMessage', 'Empty on completion, “User cancelled.” on exit.'],
  ['statusText', 'Always empty (as at Codat).'],
];

const lines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

/** Where Link sends the customer at the end (PUT /profile's redirectUrl and whiteListUrls), and its tester. */
export function RedirectsPage() {
  const { api, can } = usePortal();
  const resource = useResource<PortalRedirectSettingsView>('/settings/redirects');
  const view = resource.data;
  const [redirectUrl, setRedirectUrl] = useState<string | null>(null);
  const [allowed, setAllowed] = useState('');
  const { busy, error, fields, status, run } = useSubmit('Saving failed. Try again.');
  const readOnly = !can('developer');

  useEffect(() => {
    if (view && redirectUrl === null) {
      setRedirectUrl(view.redirectUrl);
      setAllowed(view.whiteListUrls.join('\n'));
    }
  }, [view]);

  if (resource.error && !view) return <><PageHeader title="Redirects" /><ErrorNotice message={resource.error.message} /></>;
  if (!view || redirectUrl === null) return <><PageHeader title="Redirects" /><p class="pt-loading">Loading…</p></>;

  const draft = { redirectUrl, whiteListUrls: lines(allowed) };
  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const saved = await api.put<PortalRedirectSettingsView>('/settings/redirects', draft);
      setRedirectUrl(saved.redirectUrl);
      setAllowed(saved.whiteListUrls.join('\n'));
      return 'Saved.';
    });
  };

  return (
    <>
      <PageHeader title="Redirects" intro="Where Link sends your customer when they complete or exit. Empty: Doorway’s own page says what was shared." />
      {readOnly ? <p class="pt-muted">Your role can view these settings but not change them.</p> : null}
      <form class="pt-card" onSubmit={save} noValidate>
        <h2>Redirect</h2>
        <ErrorNotice message={error} />
        <Field label="Redirect URL" hint="An https address (http only on localhost). Placeholders like {companyId} are filled in at the end; any other {name} from the Link URL’s query." error={fields.redirectUrl}>
          {({ id, describedBy, invalid }) => (
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} class="dw-input" type="url" readOnly={readOnly} value={redirectUrl} onInput={(e) => setRedirectUrl(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Allowed URLs" hint="One per line: an origin or a URL prefix. Needed when a placeholder can change the host; when set, every redirect must match one." error={fields.whiteListUrls}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} class="dw-input pt-settings-text" rows={3} readOnly={readOnly} value={allowed} onInput={(e) => setAllowed(e.currentTarget.value)} />
          )}
        </Field>
        {readOnly ? null : (
          <SaveBar busy={busy} status={status} label="Save redirect" />
        )}
      </form>
      <RedirectTester draft={draft} platforms={view.platforms} />
      <section class="pt-card" aria-labelledby="pt-placeholders-title">
        <h2 id="pt-placeholders-title">Placeholders</h2>
        <div class="pt-table-wrap">
          <table class="pt-table">
            <thead>
              <tr>
                <th scope="col">Placeholder</th>
                <th scope="col">Filled with</th>
              </tr>
            </thead>
            <tbody>
              {PLACEHOLDERS.map(([name, meaning]) => (
                <tr key={name}>
                  <td>
                    <code>{`{${name}}`}</code>
                  </td>
                  <td>{meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="pt-muted">Every value is URL-encoded. Any other {'{name}'} is taken from the Link URL’s query string (empty when absent).</p>
      </section>
    </>
  );
}
