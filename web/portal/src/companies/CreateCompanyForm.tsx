import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { PortalCompanyRow } from '../../../../src/wire/portal/companies';
import { PortalApiError } from '../api';
import { usePortal } from '../portal-context';
import { tagsError, tagsOf, type TagRow } from './format';
import { TagsEditor } from './TagsEditor';

/**
 * Create a company: name, description, tags. A refusal keeps everything typed and shows each
 * problem beside its field.
 */
export function CreateCompanyForm({ onCreated, onCancel }: { onCreated: (company: PortalCompanyRow) => void; onCancel: () => void }) {
  const { api } = usePortal();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<TagRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      const created = await api.post<PortalCompanyRow>('/companies', { name, description: description === '' ? null : description, tags: tagsOf(tags) });
      onCreated(created);
    } catch (failure) {
      setError(failure instanceof PortalApiError ? failure.message : 'The company could not be created. Try again.');
      if (failure instanceof PortalApiError) setFields(failure.fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="pt-card pt-form" onSubmit={submit} noValidate aria-labelledby="pt-create-company-title">
      <h2 id="pt-create-company-title">Create a company</h2>
      <ErrorNotice message={error} />
      <Field label="Name" hint="Letters, digits, spaces and - ' , & @ . ? ! (other characters are left out)." error={fields.name}>
        {({ id, describedBy, invalid }) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" name="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        )}
      </Field>
      <Field label="Description (optional)" error={fields.description}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input pt-textarea" name="description" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        )}
      </Field>
      <TagsEditor rows={tags} onChange={setTags} error={tagsError(fields)} />
      <div class="pt-toolbar">
        <Button type="submit" busy={busy}>
          {busy ? 'Creating…' : 'Create company'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
