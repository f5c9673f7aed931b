import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { Paragraphs } from '../../../ui/src/components/Paragraphs';
import { PlatformLogo } from '../../../ui/src/components/PlatformLogo';
import { linkedConnections } from '../flow';
import { serverText, uiText } from '../text';
import type { LinkState } from '../../../../src/wire/link/link-api-schemas';

export interface DoneProps {
  state: LinkState;
  busy: boolean;
  onContinue: () => void;
  onBack: () => void;
}

/** The confirmation before leaving: what was set up, then Continue (POST /complete). */
export function Done({ state, busy, onContinue, onBack }: DoneProps) {
  const texts = state.text;
  const linked = linkedConnections(state);
  return (
    <>
      <Heading>{serverText(texts, 'done.title')}</Heading>
      {/* "These connections are now shared" would be untrue with nothing connected. */}
      <Paragraphs class="dw-text dw-lead" text={serverText(texts, linked.length > 0 ? 'done.subtitle' : 'done.nothingSubtitle')} />
      {linked.length > 0 ? (
        <>
          <h2 class="dw-subheading" id="dw-done-list">
            {uiText(texts, 'ui.done.list')}
          </h2>
          <ul class="dw-summary" aria-labelledby="dw-done-list">
            {linked.map(({ category, connection }) => (
              <li key={connection.id} class="dw-connection">
                <PlatformLogo src={connection.logoUrl} />
                <span class="dw-connection-name">{connection.platformName}</span>
                <span class="dw-muted">{uiText(texts, `ui.category.${category.sourceType}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="dw-actions">
        <Button busy={busy} onClick={onContinue}>
          {serverText(texts, 'done.continueButton')}
        </Button>
        <Button variant="secondary" busy={busy} onClick={onBack}>
          {uiText(texts, 'ui.back')}
        </Button>
      </div>
    </>
  );
}
