import { Button } from '../../../ui/src/components/Button';
import type { TagRow } from './format';

/**
 * A company's tags as name/value rows (Codat allows ten). Each input is labelled with its row,
 * so a screen reader says which tag it is in; the group's error is shown and announced once.
 */
export function TagsEditor({ rows, onChange, error, disabled = false }: { rows: TagRow[]; onChange: (rows: TagRow[]) => void; error?: string | undefined; disabled?: boolean }) {
  const set = (index: number, change: Partial<TagRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset class={`pt-tags${error ? ' dw-field--invalid' : ''}`} disabled={disabled} aria-describedby={error ? 'pt-tags-error' : undefined}>
      <legend class="dw-field-label">Tags</legend>
      <p class="dw-field-hint">For example your own customer or merchant id. Up to 10.</p>
      {rows.map((row, index) => (
        <div class="pt-tag-row" key={index}>
          <input class="dw-input" aria-label={`Tag ${index + 1} name`} placeholder="name" value={row.key} onInput={(e) => set(index, { key: e.currentTarget.value })} />
          <input class="dw-input" aria-label={`Tag ${index + 1} value`} placeholder="value" value={row.value} onInput={(e) => set(index, { value: e.currentTarget.value })} />
          {disabled ? null : (
            <Button variant="quiet" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              Remove<span class="dw-vh"> tag {index + 1}</span>
            </Button>
          )}
        </div>
      ))}
      {rows.length < 10 && !disabled ? (
        <Button variant="secondary" onClick={() => onChange([...rows, { key: '', value: '' }])}>
          Add tag
        </Button>
      ) : null}
      {error ? (
        <p class="dw-field-error" id="pt-tags-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
