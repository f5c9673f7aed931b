import type { ComponentChildren } from 'preact';
import { navigate, PORTAL_BASE } from '../router';

export interface LinkProps {
  /** A Portal path, e.g. `/companies/abc`. */
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
  /** Runs before navigating (e.g. to close the phone menu). */
  onClick?: () => void;
}

/**
 * An in-Portal link: a real <a href> (so it can be opened in a new tab, and reads as a link) that
 * navigates without reloading on a plain click.
 */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={`${PORTAL_BASE}${href}`}
      onClick={(event) => {
        onClick?.();
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
