import { useState } from 'preact/hooks';
import { Button, Hidden } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { Modal } from '../../../ui/src/components/Modal';
import { Paragraphs } from '../../../ui/src/components/Paragraphs';
import { PlatformLogo } from '../../../ui/src/components/PlatformLogo';
import { categoryAction, connectionAction, wasCancelled, type ConnectionAction } from '../flow';
import { serverText, uiText, type Texts, type UiKey } from '../text';
import type { LinkCategory, LinkConnection, LinkState } from '../../../../src/wire/link/link-api-schemas';

export interface MainProps {
  state: LinkState;
  busy: boolean;
  onConnect: (category: LinkCategory) => void;
  onDisconnect: (connection: LinkConnection) => Promise<void>;
  onRestart: (connection: LinkConnection) => void;
  onResume: (category: LinkCategory, connection: LinkConnection) => void;
  onComplete: () => void;
}

const ACTION_LABEL: Record<ConnectionAction, UiKey> = {
  disconnect: 'ui.disconnect',
  reconnect: 'ui.reconnect',
  tryAgain: 'ui.tryAgain',
  resume: 'ui.resume',
};

export function Main({ state, busy, onConnect, onDisconnect, onRestart, onResume, onComplete }: MainProps) {
  const texts = state.text;
  // The target outlives the dialog's closing, so its text does not blank out while it closes.
  const [confirming, setConfirming] = useState<LinkConnection | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);

  const act = (category: LinkCategory, connection: LinkConnection) => {
    switch (connectionAction(connection)) {
      case 'disconnect':
        setConfirming(connection);
        return setConfirmOpen(true);
      case 'reconnect':
        return onRestart(connection);
      case 'tryAgain':
      case 'resume':
        // Back at the consent page, where Back also leads to the other platforms.
        return onResume(category, connection);
    }
  };

  return (
    <>
      <Heading>{serverText(texts, 'main.title')}</Heading>
      <Paragraphs class="dw-text dw-lead" text={serverText(texts, 'main.subtitle')} />
      <div class="dw-categories">
        {state.categories.map((category) => (
          <CategorySection key={category.key} texts={texts} category={category} busy={busy} onConnect={onConnect} onAction={act} />
        ))}
      </div>
      <div class="dw-actions">
        <Button disabled={!state.canComplete} aria-describedby={state.canComplete ? undefined : 'dw-complete-hint'} onClick={onComplete}>
          {uiText(texts, 'ui.complete')}
        </Button>
        {state.canComplete ? null : (
          <p class="dw-hint" id="dw-complete-hint">
            {uiText(texts, 'ui.completeHint')}
          </p>
        )}
      </div>
      <Modal
        open={confirmOpen}
        danger
        busy={busy}
        title={uiText(texts, 'ui.disconnect.title', { platformName: confirming?.platformName ?? '' })}
        body={uiText(texts, 'ui.disconnect.body', { platformName: confirming?.platformName ?? '', clientName: state.client.name })}
        confirmLabel={uiText(texts, 'ui.disconnect')}
        cancelLabel={uiText(texts, 'ui.cancel')}
        onClose={() => setConfirmOpen(false)}
        onConfirm={() => {
          if (!confirming) return;
          // Close whatever the outcome: a failure is reported in the page's error notice.
          void onDisconnect(confirming).then(() => setConfirmOpen(false));
        }}
      />
    </>
  );
}

interface SectionProps {
  texts: Texts;
  category: LinkCategory;
  busy: boolean;
  onConnect: (category: LinkCategory) => void;
  onAction: (category: LinkCategory, connection: LinkConnection) => void;
}

function CategorySection({ texts, category, busy, onConnect, onAction }: SectionProps) {
  const name = uiText(texts, `ui.category.${category.sourceType}`);
  const headingId = `dw-category-${category.key}`;
  const action = categoryAction(category);
  return (
    <section class="dw-category" aria-labelledby={headingId}>
      <div class="dw-category-head">
        <h2 id={headingId}>{name}</h2>
        <span class={category.optional ? 'dw-badge' : 'dw-badge dw-badge--required'}>
          {uiText(texts, category.optional ? 'ui.optional' : 'ui.required')}
        </span>
      </div>
      {category.connections.length > 0 ? (
        <ul class="dw-connections">
          {category.connections.map((connection) => (
            <li key={connection.id} class="dw-connection">
              <PlatformLogo src={connection.logoUrl} />
              <span class="dw-connection-info">
                <span class="dw-connection-name">{connection.platformName}</span>
                <span class={`dw-pill dw-pill--${connection.status}`}>{uiText(texts, `ui.status.${connection.status}`)}</span>
              </span>
              <Button variant="quiet" class="dw-connection-action" busy={busy} onClick={() => onAction(category, connection)}>
                {uiText(texts, ACTION_LABEL[connectionAction(connection)])}
                <Hidden> {connection.platformName}</Hidden>
              </Button>
              {connection.status !== 'Linked' && connection.lastError ? (
                wasCancelled(connection) ? (
                  <p class="dw-connection-note">{uiText(texts, 'ui.result.cancelledBody', { platformName: connection.platformName })}</p>
                ) : (
                  <p class="dw-connection-error">{connection.lastError.message}</p>
                )
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {action ? (
        <Button variant={action === 'connect' ? 'primary' : 'secondary'} busy={busy} onClick={() => onConnect(category)}>
          {uiText(texts, action === 'connect' ? 'ui.connect' : 'ui.addAnother')}
          <Hidden> {name}</Hidden>
        </Button>
      ) : null}
    </section>
  );
}
