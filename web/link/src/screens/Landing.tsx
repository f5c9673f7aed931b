import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { Paragraphs } from '../../../ui/src/components/Paragraphs';
import { serverText, type Texts } from '../text';

export function Landing({ texts, onNext }: { texts: Texts; onNext: () => void }) {
  return (
    <>
      <Heading>{serverText(texts, 'landing.title')}</Heading>
      <Paragraphs class="dw-text dw-lead" text={serverText(texts, 'landing.subtitle')} />
      <div class="dw-actions">
        <Button onClick={onNext}>{serverText(texts, 'landing.nextButton')}</Button>
      </div>
    </>
  );
}
