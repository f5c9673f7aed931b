import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

type Variant = 'primary' | 'secondary' | 'quiet' | 'danger';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type' | 'class'> {
  variant?: Variant;
  /** While a request runs the button stays focusable (so focus is not lost) but does nothing. */
  busy?: boolean;
  type?: 'button' | 'submit';
  onClick?: () => void;
  class?: string;
  children: ComponentChildren;
}

export function Button({ variant = 'primary', busy = false, type = 'button', onClick, class: extra, children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={`dw-button dw-button--${variant}${extra ? ` ${extra}` : ''}`}
      aria-disabled={busy ? 'true' : undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {children}
    </button>
  );
}

/** Text for screen readers only, e.g. to say *what* a short "Connect" button connects. */
export function Hidden({ children }: { children: ComponentChildren }) {
  return <span class="dw-vh">{children}</span>;
}
