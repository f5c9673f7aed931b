import type { ComponentChildren } from 'preact';

/**
 * The live region stays in the page while empty: screen readers only announce changes to a region
 * that already exists, so the message is swapped in rather than the region being mounted with it.
 */
export function ErrorNotice({ message, children }: { message: string; children?: ComponentChildren }) {
  return (
    <div class="dw-error-region" aria-live="polite" aria-atomic="true">
      {message ? (
        <div class="dw-error" data-testid="error-notice">
          <svg class="dw-error-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <circle cx="10" cy="10" r="9" />
            <path d="M10 5.5v5.5M10 13.5v.5" />
          </svg>
          <p>{message}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}
