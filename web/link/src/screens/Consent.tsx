import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { Paragraphs } from '../../../ui/src/components/Paragraphs';
import { PlatformLogo } from '../../../ui/src/components/PlatformLogo';
import { CONSENT_SECTIONS, consentHeader, consentText } from '../consent-text';
import { uiText, type Texts } from '../text';
import type { LinkCategoryKey, LinkConnection } from '../../../../src/wire/link/link-api-schemas';

export interface ConsentProps {
  texts: Texts;
  category: LinkCategoryKey;
  companyName: string;
  connection: LinkConnection;
  busy: boolean;
  onNext: () => void;
  onBack: () => void;
}

export function Consent({ texts, category, companyName, connection, busy, onNext, onBack }: ConsentProps) {
  const vars = { companyName, platformName: connection.platformName };
  const text = consentText(texts, category, vars);

  return (
    <>
      <div class="dw-consent-logo">
        <PlatformLogo src={connection.logoUrl} size={48} />
      </div>
      <Heading>{text('title')}</Heading>
      <Paragraphs class="dw-text dw-lead" text={text('subtitle')} />
      <div class="dw-sections">
        {CONSENT_SECTIONS.map((section) => {
          const body = text(section);
          // A section with no body (e.g. platform data not configured) is not shown at all.
          if (!body.trim()) return null;
          return (
            <details key={section} class="dw-section">
              <summary>{consentHeader(texts, category, vars, section)}</summary>
              <Paragraphs class="dw-text dw-section-body" text={body} />
            </details>
          );
        })}
      </div>
      <Paragraphs class="dw-text dw-terms" text={text('termsAndConditions')} />
      <div class="dw-actions">
        <Button busy={busy} onClick={onNext}>
          {text('nextButton')}
        </Button>
        <Button variant="secondary" busy={busy} onClick={onBack}>
          {uiText(texts, 'ui.back')}
        </Button>
      </div>
    </>
  );
}
