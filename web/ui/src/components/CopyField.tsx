import { useId, useState } from 'preact/hooks';

export interface CopyFieldProps {
  label: string;
  value: string;
  /** e.g. "Needs attention": shown beside the label. */
  badge?: string | undefined;
}

/**
 * A value to hand to someone else (a Link URL, an API key): read-only, selectable, with a Copy
 * button that says (politely, to screen readers too) when it worked, and falls back to
 * selecting the text where the clipboard is not available.
 */
export function CopyField({ label, value, badge }: CopyFieldProps) {
  const id = useId();
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied');
    } catch {
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      setStatus('Press Ctrl+C (⌘C) to copy');
    }
  };
  return (
    <div class="dw-copy">
      <label class="dw-field-label" for={id}>
        {label}
        {badge ? <span class="dw-badge dw-badge--warn">{badge}</span> : null}
      </label>
      <div class="dw-copy-row">
        <input id={id} class="dw-input dw-copy-value" readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" class="dw-button dw-button--secondary dw-copy-button" onClick={copy}>
          Copy<span class="dw-vh"> {label}</span>
        </button>
      </div>
      <p class="dw-copy-status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
