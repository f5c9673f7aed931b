import type { PreviewScreen } from '../../../../link/src/preview/index';

/** The Link texts in the order the SMB meets them, each group with the screen that shows it. */
export interface TextGroup {
  title: string;
  prefix: string;
  screen: PreviewScreen;
  hint?: string;
}

const CONSENT_HINT = 'May use {companyName} (your business name) and {platformName}. Leave a section empty to leave it out.';

export const TEXT_GROUPS: TextGroup[] = [
  { title: 'Landing page', prefix: 'landing.', screen: { name: 'landing' } },
  { title: 'Connect page', prefix: 'main.', screen: { name: 'main' } },
  { title: 'Consent: Accounting', prefix: 'accounting.consents.', screen: { name: 'consent', category: 'accounting' }, hint: CONSENT_HINT },
  { title: 'Consent: Banking', prefix: 'banking.consents.', screen: { name: 'consent', category: 'banking' }, hint: CONSENT_HINT },
  { title: 'Consent: Commerce', prefix: 'commerce.consents.', screen: { name: 'consent', category: 'commerce' }, hint: CONSENT_HINT },
  { title: 'Exit dialog', prefix: 'exit.', screen: { name: 'main' }, hint: 'Shown when the customer presses Exit (×) before finishing.' },
  { title: 'Done page', prefix: 'done.', screen: { name: 'done' } },
  { title: 'End page (no redirect URL)', prefix: 'finished.', screen: { name: 'finished' }, hint: 'The body may use {platformNames}.' },
  { title: 'Invite page', prefix: 'invite.', screen: { name: 'invite' }, hint: 'The page of your Invite URL, where a business names itself.' },
];

/** `headers.accountInformation` → "Heading: account information"; `nextButton` → "Next button". */
export function textLabel(key: string, prefix: string): string {
  const rest = key.slice(prefix.length);
  const words = (part: string) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const text = rest.startsWith('headers.') ? `heading: ${words(rest.slice('headers.'.length))}` : words(rest);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
