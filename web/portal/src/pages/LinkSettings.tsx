import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import type { LinkPreviewInput, PreviewScreen } from '../../../link/src/preview/index';
import type { LinkSettings, PortalLinkSettingsView } from '../../../../src/wire/portal/settings';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { useResource } from '../use-resource';
import { useSubmit } from '../use-submit';
import { BrandingFields } from './link-settings/BrandingFields';
import { CategoryFields } from './link-settings/CategoryFields';
import { LinkPreview } from './link-settings/LinkPreview';
import { SaveBar } from './link-settings/SaveBar';
import { TextFields } from './link-settings/TextFields';
import '../styles/settings.css';

/** What is sent: texts left empty are left out, so they follow the default copy. */
function toSaved(draft: LinkSettings): LinkSettings {
  const text = Object.fromEntries(Object.entries(draft.text).filter(([, value]) => value !== undefined && value.trim() !== ''));
  return { ...draft, text };
}

/**
 * Every setting of the Link flow (PUT /settings/link, as the public API), with the real Link UI
 * beside the form showing the unsaved settings as they are typed. A refused save keeps the form.
 */
export function LinkSettingsPage() {
  const { api, can, session } = usePortal();
  const resource = useResource<PortalLinkSettingsView>('/settings/link');
  const view = resource.data;
  const [draft, setDraft] = useState<LinkSettings | null>(null);
  const [screen, setScreen] = useState<PreviewScreen | null>(null);
  const { busy, error, fields, status, setStatus, run } = useSubmit('Saving failed. Try again.');
  const readOnly = !can('developer');

  useEffect(() => {
    if (view && !draft) setDraft(structuredClone(view.settings));
  }, [view]);

  const previewInput = useMemo<LinkPreviewInput | null>(
    () =>
      view && draft
        ? {
            settings: draft,
            integrations: view.platforms,
            clientName: session.client.name,
            clientLogoUrl: view.client.logoUrl,
            clientIconUrl: view.client.iconUrl,
            clientSlug: view.client.slug,
            redirectConfigured: view.client.redirectConfigured,
          }
        : null,
    [view, draft],
  );

  if (resource.error && !view) return <><PageHeader title="Link settings" /><ErrorNotice message={resource.error.message} /></>;
  if (!view || !draft || !previewInput) return <><PageHeader title="Link settings" /><p class="pt-loading">Loading…</p></>;

  const change = (next: Partial<LinkSettings>) => {
    setDraft({ ...draft, ...next });
    setStatus('');
  };

  const save = (event: Event) => {
    event.preventDefault();
    if (readOnly) return;
    void run(async () => {
      const saved = await api.put<LinkSettings>('/settings/link', toSaved(draft));
      setDraft({ ...saved, text: { ...draft.text, ...saved.text } });
      return 'Saved. Every Link URL shows these settings from now on.';
    });
  };

  return (
    <>
      <PageHeader title="Link settings" intro="How Link looks and what it asks your customers for. The preview shows your changes before you save them." />
      {readOnly ? <p class="pt-muted">Your role can view these settings but not change them.</p> : null}
      <div class="pt-settings-layout">
        <form class="pt-settings-form" onSubmit={save} noValidate>
          <ErrorNotice message={error} />
          <section class="pt-card">
            <h2>Flow</h2>
            <fieldset class="pt-group-box" disabled={readOnly} onFocusIn={() => setScreen({ name: 'main' })}>
              <legend>Pages and platforms</legend>
              <label class="pt-check">
                <input type="checkbox" checked={draft.showLandingPage} onChange={(e) => change({ showLandingPage: e.currentTarget.checked })} />
                Start with a landing page
              </label>
              <label class="pt-check">
                <input type="checkbox" checked={draft.showSandboxIntegrations} onChange={(e) => change({ showSandboxIntegrations: e.currentTarget.checked })} />
                Offer Sandbox and test platforms
              </label>
            </fieldset>
            <div onFocusIn={() => setScreen({ name: 'main' })}>
              <CategoryFields
                categories={draft.categories}
                platforms={view.platforms}
                readOnly={readOnly}
                onChange={(key, next) => change({ categories: { ...draft.categories, [key]: next } })}
              />
            </div>
          </section>
          <section class="pt-card">
            <h2>Branding</h2>
            <BrandingFields branding={draft.branding} errors={fields} readOnly={readOnly} onChange={(branding) => change({ branding })} />
          </section>
          <section class="pt-card">
            <h2>Texts</h2>
            <p class="pt-muted">Leave a text empty to use the default shown in it.</p>
            <TextFields
              defaults={view.defaultText}
              text={draft.text as Record<string, string>}
              errors={fields}
              readOnly={readOnly}
              onChange={(key, value) => change({ text: { ...draft.text, [key]: value } })}
              onFocusScreen={setScreen}
            />
          </section>
          {readOnly ? null : (
            <SaveBar busy={busy} status={status} label="Save settings" />
          )}
        </form>
        <LinkPreview input={previewInput} screen={screen} />
      </div>
    </>
  );
}
