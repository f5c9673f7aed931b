import { Field } from '../../../../ui/src/components/Field';
import type { PreviewScreen } from '../../../../link/src/preview/index';
import { TEXT_GROUPS, textLabel } from './text-groups';

export interface TextFieldsProps {
  defaults: Record<string, string>;
  text: Record<string, string>;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (key: string, value: string) => void;
  /** The section being edited, so the preview can show its screen. */
  onFocusScreen: (screen: PreviewScreen) => void;
}

/** Every Link text, grouped by the screen that shows it; an empty field means the default (shown as its placeholder). */
export function TextFields({ defaults, text, errors, readOnly, onChange, onFocusScreen }: TextFieldsProps) {
  return (
    <div class="pt-text-groups">
      {TEXT_GROUPS.map((group) => {
        const keys = Object.keys(defaults).filter((key) => key.startsWith(group.prefix));
        const changed = keys.filter((key) => (text[key] ?? '') !== '').length;
        return (
          <details key={group.prefix} class="pt-text-group" onFocusIn={() => onFocusScreen(group.screen)}>
            <summary>
              {group.title}
              {changed > 0 ? <span class="pt-muted"> · {changed} changed</span> : null}
            </summary>
            <div role="group" aria-label={group.title}>
              {group.hint ? <p class="pt-muted">{group.hint}</p> : null}
              {keys.map((key) => (
                <Field key={key} label={textLabel(key, group.prefix)} error={errors[`text.${key}`]}>
                  {({ id, describedBy, invalid }) => (
                    <textarea
                      id={id}
                      aria-describedby={describedBy}
                      aria-invalid={invalid ? 'true' : undefined}
                      class="dw-input pt-settings-text"
                      rows={Math.min(4, Math.ceil((defaults[key] ?? '').length / 50) || 1)}
                      placeholder={defaults[key]}
                      readOnly={readOnly}
                      value={text[key] ?? ''}
                      onInput={(event) => onChange(key, event.currentTarget.value)}
                    />
                  )}
                </Field>
              ))}
            </div>
          </details>
        );
      })}
    </div>
  );
}
