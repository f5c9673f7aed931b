import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { uiText, type Texts } from '../text';

/** The page could not get what it needs from the server at all (e.g. the session has expired). */
export function LoadError({ texts, message, onRetry }: { texts: Texts; message: string; onRetry?: () => void }) {
  return (
    <>
      <Heading>{uiText(texts, 'ui.error.title')}</Heading>
      <p class="dw-text">{message}</p>
      {onRetry ? (
        <div class="dw-actions">
          <Button onClick={onRetry}>{uiText(texts, 'ui.tryAgain')}</Button>
        </div>
      ) : null}
    </>
  );
}
