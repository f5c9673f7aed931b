import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Every page's title (the page's one h1) and its main actions. The document title follows it,
 * and focus moves to it on navigation so screen-reader users hear that the page changed.
 */
export function PageHeader({ title, intro, children }: { title: string; intro?: string; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Doorway Portal`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <header class="pt-page-header">
      <div>
        <h1 ref={heading} tabIndex={-1} class="pt-page-title">
          {title}
        </h1>
        {intro ? <p class="pt-page-intro">{intro}</p> : null}
      </div>
      {children ? <div class="pt-page-actions">{children}</div> : null}
    </header>
  );
}
