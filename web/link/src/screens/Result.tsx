import { OutcomeIcon } from '../../../ui/src/components/OutcomeIcon';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { resultOutcome } from '../flow';
import { uiText, type Texts } from '../text';
import type { LinkConnection } from '../../../../src/wire/link/link-api-schemas';
import { Loading } from './Loading';

export interface ResultProps {
  texts: Texts;
  connectionId: string;
  busy: boolean;
  load: (connectionId: string) => Promise<LinkConnection>;
  /** True when the connection's category takes several connections (Banking, Commerce). */
  allowsAnother: (connection: LinkConnection) => boolean;
  announce: (message: string) => void;
  describeError: (error: unknown) => string;
  onContinue: () => void;
  onAnother: (connection: LinkConnection) => void;
  onRetry: (connection: LinkConnection) => void;
}

type Loaded = { connection: LinkConnection } | { error: string } | null;

const RESULT_HEADING = { success: 'ui.result.success', cancelled: 'ui.result.cancelled', failure: 'ui.result.failure' } as const;

export function Result(props: ResultProps) {
  const { texts, connectionId, busy, load, announce, describeError, onContinue } = props;
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    load(connectionId).then(
      (connection) => {
        if (!live) return;
        setLoaded({ connection });
        const key = RESULT_HEADING[resultOutcome(connection)];
        // The heading changes in place (no new screen), so the outcome is also announced.
        announce(uiText(texts, key, { platformName: connection.platformName }));
      },
      (error: unknown) => live && setLoaded({ error: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [connectionId, attempt]);

  if (loaded === null) return <Loading texts={texts} label={uiText(texts, 'ui.result.checking')} />;

  if ('error' in loaded) {
    return (
      <>
        <Heading>{uiText(texts, 'ui.error.title')}</Heading>
        <p class="dw-text">{loaded.error}</p>
        <div class="dw-actions">
          <Button onClick={() => (setLoaded(null), setAttempt((n) => n + 1))}>{uiText(texts, 'ui.tryAgain')}</Button>
          <Button variant="secondary" onClick={onContinue}>
            {uiText(texts, 'ui.continue')}
          </Button>
        </div>
      </>
    );
  }

  const { connection } = loaded;
  const platformName = connection.platformName;
  const outcome = resultOutcome(connection);
  if (outcome === 'success') {
    return (
      <div class="dw-outcome">
        <OutcomeIcon ok />
        <Heading>{uiText(texts, 'ui.result.success', { platformName })}</Heading>
        <p class="dw-text">{uiText(texts, 'ui.result.successBody', { platformName })}</p>
        <div class="dw-actions">
          <Button busy={busy} onClick={onContinue}>
            {uiText(texts, 'ui.continue')}
          </Button>
          {props.allowsAnother(connection) ? (
            <Button variant="secondary" busy={busy} onClick={() => props.onAnother(connection)}>
              {uiText(texts, 'ui.result.another')}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  // Cancel at the platform was the SMB's choice: say plainly that nothing was shared, no error box.
  const cancelled = outcome === 'cancelled';
  return (
    <div class="dw-outcome">
      {cancelled ? null : <OutcomeIcon ok={false} />}
      <Heading>{uiText(texts, RESULT_HEADING[outcome], { platformName })}</Heading>
      {cancelled ? (
        <p class="dw-text">{uiText(texts, 'ui.result.cancelledBody', { platformName })}</p>
      ) : (
        <div class="dw-error" data-testid="result-error">
          <p>{connection.lastError?.message || uiText(texts, 'ui.result.failureBody')}</p>
        </div>
      )}
      <div class="dw-actions">
        <Button busy={busy} onClick={() => props.onRetry(connection)}>
          {uiText(texts, 'ui.tryAgain')}
        </Button>
        <Button variant="secondary" busy={busy} onClick={onContinue}>
          {uiText(texts, 'ui.back')}
        </Button>
      </div>
    </div>
  );
}
