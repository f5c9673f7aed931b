// The consent screen's copy, shared by the screen itself and the Link SDK's onConsent({text}).

import type { LinkCategoryKey } from '../../../src/wire/link/link-api-schemas';
import { serverText, uiText, type Texts, type Vars } from './text';

export const CONSENT_SECTIONS = ['purpose', 'access', 'accountInformation', 'platformData', 'retention'] as const;
export type ConsentSection = (typeof CONSENT_SECTIONS)[number];

/** One category's consent texts, with Codat's {companyName} and {platformName} filled in. */
export function consentText(texts: Texts, category: LinkCategoryKey, vars: Vars): (key: string) => string {
  return (key) => serverText(texts, `${category}.consents.${key}`, vars);
}

/** A section's header: the client's (Codat's `consents.headers.*`), else the UI's own word. */
export function consentHeader(texts: Texts, category: LinkCategoryKey, vars: Vars, section: ConsentSection): string {
  return consentText(texts, category, vars)(`headers.${section}`) || uiText(texts, `ui.consent.${section}`);
}

/** What the consent screen says, as Markdown: Codat's `onConsent({text})`. */
export function consentMarkdown(texts: Texts, category: LinkCategoryKey, vars: Vars): string {
  const text = consentText(texts, category, vars);
  const parts = [`# ${text('title')}`, text('subtitle')];
  for (const section of CONSENT_SECTIONS) {
    const body = text(section);
    // The screen leaves out a section without a body, so the Markdown does too.
    if (body.trim()) parts.push(`## ${consentHeader(texts, category, vars, section)}`, body);
  }
  parts.push(text('termsAndConditions'));
  return parts.filter((part) => part.trim() && part.trim() !== '#').join('\n\n');
}
