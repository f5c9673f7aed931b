import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';

/**
 * Whether a newly mounted screen takes focus. Mutable on purpose: the App turns it on once the
 * first screen is shown, so a fresh page load keeps the browser's own focus start while every
 * later screen change moves focus (and the screen reader) to the new h1.
 */
export const HeadingFocus = createContext<{ enabled: boolean }>({ enabled: false });

export function Heading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const focus = useContext(HeadingFocus);
  useEffect(() => {
    if (focus.enabled) ref.current?.focus();
  }, []);
  return (
    <h1 class="dw-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
