import type { TargetedInputEvent, TargetedSubmitEvent } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { PlatformLogo } from '../../../ui/src/components/PlatformLogo';
import { uiText, type Texts, type UiKey } from '../text';
import type { LinkIntegrationField, LinkConnection, LinkIntegration } from '../../../../src/wire/link/link-api-schemas';
import { formValues, validateForm, type FieldProblem } from '../validation';

export interface CredentialsProps {
  texts: Texts;
  connection: LinkConnection;
  integration: LinkIntegration;
  busy: boolean;
  onSubmit: (values: Record<string, string>) => void;
  onBack: () => void;
}

const PROBLEM_TEXT: Record<FieldProblem, UiKey> = {
  required: 'ui.field.required',
  pattern: 'ui.field.pattern',
  option: 'ui.field.option',
  url: 'ui.field.url',
};

export function Credentials({ texts, connection, integration, busy, onSubmit, onBack }: CredentialsProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const platformName = connection.platformName;

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = validateForm(integration.fields, values);
    setProblems(found);
    const firstBad = integration.fields.find((f) => found[f.name]);
    if (firstBad) {
      // Focus lands on the first wrong field, whose error is read out through aria-describedby.
      form.current?.querySelector<HTMLElement>(`[name="${CSS.escape(firstBad.name)}"]`)?.focus();
      return;
    }
    onSubmit(formValues(integration.fields, values));
  };

  const update = (name: string, value: string) => {
    setValues((old) => ({ ...old, [name]: value }));
    // A corrected field loses its error as soon as it is edited; others keep theirs until submit.
    if (problems[name]) setProblems(({ [name]: _gone, ...rest }) => rest);
  };

  return (
    <>
      <div class="dw-consent-logo">
        <PlatformLogo src={connection.logoUrl} size={48} />
      </div>
      <Heading>{uiText(texts, 'ui.credentials.title', { platformName })}</Heading>
      <p class="dw-text dw-lead">{uiText(texts, 'ui.credentials.subtitle', { platformName })}</p>
      <form ref={form} class="dw-form" noValidate onSubmit={submit}>
        {integration.fields.map((field) => (
          <Field
            key={field.name}
            id={`${id}-${field.name}`}
            texts={texts}
            field={field}
            value={values[field.name] ?? ''}
            problem={problems[field.name]}
            onChange={(value) => update(field.name, value)}
          />
        ))}
        <div class="dw-actions">
          <Button type="submit" busy={busy}>
            {uiText(texts, 'ui.credentials.submit')}
          </Button>
          <Button variant="secondary" busy={busy} onClick={onBack}>
            {uiText(texts, 'ui.back')}
          </Button>
        </div>
      </form>
    </>
  );
}

interface FieldProps {
  id: string;
  texts: Texts;
  field: LinkIntegrationField;
  value: string;
  problem: FieldProblem | undefined;
  onChange: (value: string) => void;
}

function Field({ id, texts, field, value, problem, onChange }: FieldProps) {
  const hint = [field.help, field.example ? uiText(texts, 'ui.credentials.example', { example: field.example }) : '']
    .filter(Boolean)
    .join(' ');
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    class: 'dw-input',
    required: field.required,
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  // Third-party credentials: no autofill from the browser's own saved passwords, no autocorrect.
  const typing = {
    value,
    autocomplete: 'off',
    autocapitalize: 'none' as const,
    spellcheck: false,
    onInput: (event: TargetedInputEvent<HTMLInputElement>) => onChange(event.currentTarget.value),
  };

  return (
    <div class={problem ? 'dw-field dw-field--invalid' : 'dw-field'}>
      <label class="dw-label" for={id}>
        {field.label}
        {field.required ? null : <span class="dw-optional"> ({uiText(texts, 'ui.optional')})</span>}
      </label>
      {hint ? (
        <p class="dw-help" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {field.type === 'select' ? (
        <select {...common} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">{uiText(texts, 'ui.credentials.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : field.type === 'password' ? (
        <input {...common} {...typing} type="password" />
      ) : field.type === 'url' ? (
        <input {...common} {...typing} type="url" inputMode="url" />
      ) : (
        <input {...common} {...typing} type="text" />
      )}
      {problem ? (
        <p class="dw-field-error" id={`${id}-error`}>
          {uiText(texts, PROBLEM_TEXT[problem], { label: field.label })}
        </p>
      ) : null}
    </div>
  );
}
