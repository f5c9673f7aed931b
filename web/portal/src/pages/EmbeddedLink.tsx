import { useEffect, useState } from 'preact/hooks';
import { CopyField } from '../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalEmbeddedLinkView } from '../../../../src/wire/portal/embedded-link';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { useResource } from '../use-resource';
import { useSubmit } from '../use-submit';
import { SaveBar } from './link-settings/SaveBar';
import '../styles/settings.css';

const lines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

/** Codat's integration with only the module URL changed (docs/embedded-link.md). */
const snippet = (linkSdkUrl: string): string => `const { CodatLink } = await import(${JSON.stringify(linkSdkUrl)});
new CodatLink({
  target: document.getElementById("codat-link-container"),
  props: { companyId, accessToken, onConnection, onFinish, onError, onClose },
});`;

/**
 * Embedded Link: the origins whose pages may embed Link with a company access token (the public
 * API's /corsSettings) and the module URLs to import, in place of Codat's.
 */
export function EmbeddedLinkPage() {
  const { api, can } = usePortal();
  const resource = useResource<PortalEmbeddedLinkView>('/settings/embedded-link');
  const view = resource.data;
  const [origins, setOrigins] = useState<string | null>(null);
  const { busy, error, fields, status, run } = useSubmit('Saving failed. Try again.');
  const readOnly = !can('developer');

  useEffect(() => {
    if (view && origins === null) setOrigins(view.allowedOrigins.join('\n'));
  }, [view]);

  const title = 'Embedded Link';
  if (resource.error && !view) return <><PageHeader title={title} /><ErrorNotice message={resource.error.message} /></>;
  if (!view || origins === null) return <><PageHeader title={title} /><p class="pt-loading">Loading…</p></>;

  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const saved = await api.put<PortalEmbeddedLinkView>('/settings/embedded-link', { allowedOrigins: lines(origins) });
      setOrigins(saved.allowedOrigins.join('\n'));
      return 'Saved.';
    });
  };

  return (
    <>
      <PageHeader title={title} intro="The Link flow inside your own page: code written for Codat’s Link SDK works by changing only the module URL." />
      {readOnly ? <p class="pt-muted">Your role can view these settings but not change them.</p> : null}
      <form class="pt-card" onSubmit={save} noValidate>
        <h2>Allowed origins</h2>
        <ErrorNotice message={error} />
        <Field label="Origins" hint="One per line, e.g. https://app.lender.example (http only on localhost). Only pages on these origins may embed Link." error={fields.allowedOrigins}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} class="dw-input pt-settings-text" rows={4} readOnly={readOnly} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
          )}
        </Field>
        {readOnly ? null : <SaveBar busy={busy} status={status} label="Save origins" />}
      </form>
      <section class="pt-card" aria-labelledby="pt-embed-modules-title">
        <h2 id="pt-embed-modules-title">Modules</h2>
        <CopyField label="Link SDK" value={view.linkSdkUrl} />
        <CopyField label="Connections SDK" value={view.connectionsSdkUrl} />
        <p class="pt-muted">Your backend fetches each visit’s token with GET /companies/{'{companyId}'}/accessToken; never put an API key in the page.</p>
        <pre class="pt-code"><code>{snippet(view.linkSdkUrl)}</code></pre>
      </section>
    </>
  );
}
