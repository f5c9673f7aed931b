import { useId, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import type { ConsumerView, CreateConsumerBody } from '../../../../src/wire/portal/webhooks';
import { PortalApiError } from '../api';

export interface ConsumerFormProps {
  /** The Codat event types Doorway emits; a consumer's other (legacy) types are kept as choices. */
  eventTypes: readonly string[];
  initial?: ConsumerView | undefined;
  submitLabel: string;
  /** Saves; a refusal's `fields` are shown beside the inputs, and what was typed stays. */
  onSubmit: (body: CreateConsumerBody) => Promise<void>;
  onCancel?: () => void;
}

const fieldError = (fields: Record<string, string>, name: string) =>
  Object.entries(fields).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1];

/** `region:uk, tier:gold` → `['region:uk', 'tier:gold']` (blank entries dropped). */
const parseTags = (text: string) =>
  text
    .split(/[,\n]/)
    .map((tag) => tag.trim())
    .filter(Boolean);

/** A consumer's settings: where to send, which events, and (optionally) which companies' events. */
export function WebhookConsumerForm({ eventTypes, initial, submitLabel, onSubmit, onCancel }: ConsumerFormProps) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [chosen, setChosen] = useState<string[]>(initial?.eventTypes ?? []);
  const [tags, setTags] = useState((initial?.companyTags ?? []).join(', '));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const legendId = useId();
  const choices = [...eventTypes, ...chosen.filter((type) => !eventTypes.includes(type))];
  const typesError = fieldError(fields, 'eventTypes');

  const toggle = (type: string, on: boolean) => setChosen((current) => (on ? [...current, type] : current.filter((item) => item !== type)));
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      const companyTags = parseTags(tags);
      await onSubmit({ url, eventTypes: choices.filter((type) => chosen.includes(type)), companyTags: companyTags.length > 0 ? companyTags : null });
    } catch (failure) {
      if (failure instanceof PortalApiError && Object.keys(failure.fields).length > 0) setFields(failure.fields);
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorNotice message={error} />
      <Field label="Endpoint URL" hint="Where Doorway sends each event, as a signed POST." error={fieldError(fields, 'url')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" type="url" name="url" inputMode="url" placeholder="https://example.com/webhooks/doorway" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        )}
      </Field>
      <fieldset class={`pt-fieldset dw-field${typesError ? ' dw-field--invalid' : ''}`} aria-describedby={typesError ? `${legendId}-error` : undefined}>
        <legend class="dw-field-label" id={legendId}>
          Event types
        </legend>
        <div class="pt-checks">
          {choices.map((type) => (
            <label class="pt-check" key={type}>
              <input type="checkbox" name="eventTypes" value={type} checked={chosen.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
              <code>{type}</code>
            </label>
          ))}
        </div>
        {typesError ? (
          <p class="dw-field-error" id={`${legendId}-error`}>
            {typesError}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Company tag filter (optional)"
        hint="Only events of companies with one of these tags, as tagKey:tagValue separated by commas, e.g. region:uk. Leave empty for every company."
        error={fieldError(fields, 'companyTags')}
      >
        {({ id, describedBy, invalid }) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid} class="dw-input" name="companyTags" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
        )}
      </Field>
      <div class="pt-toolbar">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
