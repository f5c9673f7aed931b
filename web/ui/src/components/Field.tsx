import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  label: string;
  /** Shown under the label and tied to the control by aria-describedby. */
  hint?: string | undefined;
  /** The server's (or the form's) problem with this field: shown in red, announced, and tied to the control. */
  error?: string | undefined;
  /** Renders the control with the ids it must carry: `<input id={id} aria-describedby={describedBy} aria-invalid={invalid} …>`. */
  children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

/** A labelled form control with its hint and error, wired for assistive technology. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`dw-field${error ? ' dw-field--invalid' : ''}`}>
      <label class="dw-field-label" for={id}>
        {label}
      </label>
      {hint ? (
        <p class="dw-field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p class="dw-field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
