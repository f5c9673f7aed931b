import { Heading } from '../components/Heading';
import { uiText, type Texts } from '../text';

/** The end page when the client has no redirect URL (view 'result'): nothing left to do here. */
export function Finished({ texts }: { texts: Texts }) {
  return (
    <div class="dw-outcome">
      <svg class="dw-outcome-icon dw-outcome-icon--ok" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" />
        <path d="M14 25l7 7 13-15" />
      </svg>
      <Heading>{uiText(texts, 'ui.finished.title')}</Heading>
      <p class="dw-text">{uiText(texts, 'ui.finished.body')}</p>
    </div>
  );
}
