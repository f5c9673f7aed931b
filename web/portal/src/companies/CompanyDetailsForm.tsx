import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalCompanyDetail } from '../../../../src/wire/portal/companies';
import { PortalApiError } from '../api';
import { usePortal } from '../portal-context';
import { tagRows, tagsError, tagsOf, type TagRow } from './format';
import { TagsEditor } from './TagsEditor';

/** The company's description and tags; read-only for viewers. A refusal keeps what was typed. */
export function CompanyDetailsForm({ company, onSaved }: { company: PortalCompanyDetail; onSaved: () => void }) {
  const { api, can } = usePortal();
  const editable = can('developer');
  const [description, setDescription] = useState(company.description ?? '');
  const [tags, setTags] = useState<TagRow[]>(tagRows(company.tags));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setSaved('');
    setFields({});
    try {
      await api.patch(`/companies/${company.id}`, { description, tags: tagsOf(tags) });
      setSaved('Saved.');
      onSaved();
    } catch (failure) {
      setError(failure instanceof PortalApiError ? failure.message : 'The changes could not be saved. Try again.');
      if (failure instanceof PortalApiError) setFields(failure.fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="pt-card pt-form" onSubmit={save} noValidate aria-labelledby="pt-details-title">
      <h2 id="pt-details-title">Details</h2>
      <ErrorNotice message={error} />
      <Field label="Description" error={fields.description}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input pt-textarea" rows={3} disabled={!editable} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        )}
      </Field>
      <TagsEditor rows={tags} onChange={setTags} error={tagsError(fields)} disabled={!editable} />
      {editable ? (
        <div class="pt-toolbar">
          <Button type="submit" busy={busy}>
            {busy ? 'Saving…' : 'Save details'}
          </Button>
          <span role="status" class="pt-muted">
            {saved}
          </span>
        </div>
      ) : (
        <p class="pt-muted">Your role can view this company but not change it.</p>
      )}
    </form>
  );
}
