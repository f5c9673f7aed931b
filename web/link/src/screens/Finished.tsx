import { OutcomeIcon } from '../../../ui/src/components/OutcomeIcon';
import { Heading } from '../../../ui/src/components/Heading';
import { linkedConnections } from '../flow';
import { serverText, uiText, type Texts } from '../text';
import type { LinkState } from '../../../../src/wire/link/link-api-schemas';

/**
 * The end page when the client has no redirect URL (view 'result'). It says what is true: which
 * platforms are connected, or that nothing was shared; without the state it claims neither.
 */
export function Finished({ texts, state }: { texts: Texts; state: LinkState | null }) {
  if (!state) {
    return (
      <div class="dw-outcome">
        <Heading>{uiText(texts, 'ui.finished.title')}</Heading>
        <p class="dw-text">{uiText(texts, 'ui.finished.body')}</p>
      </div>
    );
  }
  const names = [...new Set(linkedConnections(state).map(({ connection }) => connection.platformName))];
  const platformNames = new Intl.ListFormat('en', { type: 'conjunction' }).format(names);
  const some = names.length > 0;
  return (
    <div class="dw-outcome">
      {some ? <OutcomeIcon ok /> : null}
      <Heading>{serverText(texts, some ? 'finished.title' : 'finished.nothingTitle')}</Heading>
      <p class="dw-text">{serverText(texts, some ? 'finished.body' : 'finished.nothingBody', { platformNames })}</p>
    </div>
  );
}
