import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { Button } from './Button';

export interface ModalProps {
  open: boolean;
  title: string;
  body: string;
  /** Without one, the dialog only informs: its one button (`cancelLabel`) closes it. */
  confirmLabel?: string | undefined;
  cancelLabel: string;
  onConfirm?: () => void;
  /** More than a sentence (e.g. URLs to copy), after the body. */
  children?: ComponentChildren;
  /** Room for long values such as URLs. */
  wide?: boolean;
  onClose: () => void;
  busy?: boolean;
  /** Disconnect: the confirm button is the (red) main action. */
  danger?: boolean;
  /** Exit: staying is the encouraged choice, so Cancel is styled and placed as the main action. */
  preferCancel?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A confirmation in a native modal <dialog>: showModal() makes the page behind it inert, Escape
 * fires `cancel`, and focus goes to the safe (cancel) button and back to the opener on close.
 */
export function Modal(props: ModalProps) {
  const { open, title, body, confirmLabel, cancelLabel, onConfirm, onClose, busy = false, danger = false, preferCancel = false, children, wide = false } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    } else if (!open) {
      if (dialog.open) dialog.close();
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected) back.focus();
    }
  }, [open]);

  // Keep Tab inside the dialog too (browsers otherwise let it reach the address bar).
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const cancel = (
    <Button variant={preferCancel ? 'primary' : 'secondary'} busy={busy} onClick={onClose} data-initial-focus="">
      {cancelLabel}
    </Button>
  );

  return (
    <dialog
      ref={ref}
      class={wide ? 'dw-dialog dw-dialog--wide' : 'dw-dialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Escape: we close through our own state so it and the element never disagree.
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClose={() => {
        // The browser may still close it by itself (its anti-abuse rules can make `cancel`
        // uncancelable); report that so our state, and the focus return, follow.
        if (open) onClose();
      }}
    >
      <h2 class="dw-dialog-title" id={`${id}-title`}>
        {title}
      </h2>
      <p class="dw-dialog-body" id={`${id}-body`}>
        {body}
      </p>
      {children}
      <div class="dw-actions">
        {confirmLabel === undefined ? (
          cancel
        ) : (
          <>
            {preferCancel ? cancel : null}
            <Button variant={danger ? 'danger' : preferCancel ? 'secondary' : 'primary'} busy={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
            {preferCancel ? null : cancel}
          </>
        )}
      </div>
    </dialog>
  );
}
