import { Heading } from '../../../ui/src/components/Heading';
import { uiText, type Texts } from '../text';

/** Shown until the state arrives; it has its own h1 so every screen keeps one. */
export function Loading({ texts, label }: { texts: Texts; label?: string }) {
  return (
    <div class="dw-loading">
      <span class="dw-spinner" aria-hidden="true" />
      <Heading>{label ?? uiText(texts, 'ui.loading')}</Heading>
    </div>
  );
}
