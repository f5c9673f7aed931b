import { OutcomeIcon } from '../../../ui/src/components/OutcomeIcon';
import { Heading } from '../../../ui/src/components/Heading';
import { uiText, type Texts } from '../text';

/** The end page when the client has no redirect URL (view 'result'): nothing left to do here. */
export function Finished({ texts }: { texts: Texts }) {
  return (
    <div class="dw-outcome">
      <OutcomeIcon ok />
      <Heading>{uiText(texts, 'ui.finished.title')}</Heading>
      <p class="dw-text">{uiText(texts, 'ui.finished.body')}</p>
    </div>
  );
}
