import { useId, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { PlatformLogo } from '../../../ui/src/components/PlatformLogo';
import { filterIntegrations } from '../flow';
import { uiText, type Texts } from '../text';
import type { LinkCategory, LinkIntegration } from '../../../../src/wire/link/link-api-schemas';

export interface PlatformsProps {
  texts: Texts;
  category: LinkCategory;
  busy: boolean;
  onPick: (integration: LinkIntegration) => void;
  onBack: () => void;
}

export function Platforms({ texts, category, busy, onPick, onBack }: PlatformsProps) {
  const [query, setQuery] = useState('');
  const id = useId();
  const shown = filterIntegrations(category.integrations, query);
  const categoryName = uiText(texts, `ui.category.${category.sourceType}`);
  const count =
    shown.length === 1 ? uiText(texts, 'ui.platforms.countOne') : uiText(texts, 'ui.platforms.countMany', { count: shown.length });

  return (
    <>
      <Heading>{uiText(texts, 'ui.platforms.title')}</Heading>
      <p class="dw-text dw-lead">{uiText(texts, 'ui.platforms.subtitle', { categoryName })}</p>
      {category.integrations.length === 0 ? (
        <p class="dw-text">{uiText(texts, 'ui.platforms.empty')}</p>
      ) : (
        <>
          <div class="dw-field">
            <label class="dw-label" for={`${id}-search`}>
              {uiText(texts, 'ui.platforms.search')}
            </label>
            <input
              id={`${id}-search`}
              class="dw-input"
              type="search"
              value={query}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={`${id}-count`}
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
          </div>
          {/* Announces how many platforms match while the SMB types. */}
          <p class="dw-count" id={`${id}-count`} role="status" aria-live="polite">
            {shown.length === 0 ? uiText(texts, 'ui.platforms.noMatch', { query: query.trim() }) : count}
          </p>
          <ul class="dw-platforms">
            {shown.map((integration) => (
              <li key={integration.key}>
                <Button variant="quiet" class="dw-platform" busy={busy} onClick={() => onPick(integration)}>
                  <PlatformLogo src={integration.logoUrl} size={40} />
                  <span class="dw-platform-name">{integration.name}</span>
                  {/* The tag is part of the button's name, so it is left out when the name says it already. */}
                  {integration.isSandbox && !/sandbox/i.test(integration.name) ? (
                    <span class="dw-tag">{uiText(texts, 'ui.sandbox')}</span>
                  ) : null}
                  <svg class="dw-chevron" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                    <path d="M7 4l6 6-6 6" />
                  </svg>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="dw-actions">
        <Button variant="secondary" onClick={onBack}>
          {uiText(texts, 'ui.back')}
        </Button>
      </div>
    </>
  );
}
