import { Field } from '../../../../ui/src/components/Field';
import type { LinkSettings } from '../../../../../src/wire/portal/settings';

type Branding = LinkSettings['branding'];

export interface BrandingFieldsProps {
  branding: Branding;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (next: Branding) => void;
}

const URL_HINT = 'An https address (http only on localhost). Empty: the profile’s own.';

/** The logo, icon and the two brand colours (Link keeps text on them readable whatever they are). */
export function BrandingFields({ branding, errors, readOnly, onChange }: BrandingFieldsProps) {
  const url = (name: 'logoUrl' | 'iconUrl', label: string) => (
    <Field label={label} hint={URL_HINT} error={errors[`branding.${name}`]}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
          class="dw-input"
          type="url"
          readOnly={readOnly}
          value={branding[name] ?? ''}
          onInput={(e) => onChange({ ...branding, [name]: e.currentTarget.value.trim() === '' ? null : e.currentTarget.value })}
        />
      )}
    </Field>
  );
  const colour = (name: 'primaryColor' | 'secondaryColor', label: string, hint: string) => (
    <Field label={label} hint={hint} error={errors[`branding.${name}`]}>
      {({ id, describedBy }) => (
        <input id={id} aria-describedby={describedBy} class="pt-colour" type="color" disabled={readOnly} value={branding[name]} onInput={(e) => onChange({ ...branding, [name]: e.currentTarget.value })} />
      )}
    </Field>
  );
  return (
    <div class="pt-branding">
      {url('logoUrl', 'Logo URL')}
      {url('iconUrl', 'Icon URL')}
      {colour('primaryColor', 'Primary colour', 'Buttons and links.')}
      {colour('secondaryColor', 'Secondary colour', 'The header bar.')}
    </div>
  );
}
