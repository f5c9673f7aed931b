/**
 * Default Link copy. Keys follow Codat's Link SDK text keys (codat-spec §7) plus Doorway's own
 * `exit.*`, `invite.*`, `done.*` and `finished.*` (the end page when the client has no redirect).
 * Consent texts may use {companyName} and {platformName}; `finished.body` uses {platformNames}.
 */
const consentDefaults = (category: string, data: string) => ({
  [`${category}.consents.title`]: 'Share your {platformName} data',
  [`${category}.consents.subtitle`]: '{companyName} is asking for read access to your {platformName} account.',
  [`${category}.consents.purpose`]: `We use your ${data} data to assess your application and to serve you better. We never sell it.`,
  [`${category}.consents.access`]: 'Access is read-only. We cannot move money, change records or see your password.',
  [`${category}.consents.accountInformation`]: 'We read your business name, registration details and the accounts you choose to connect.',
  [`${category}.consents.platformData`]: `Your ${data} records, such as balances, transactions and reports.`,
  [`${category}.consents.retention`]: 'We keep this data only as long as we need it, and you can disconnect at any time.',
  [`${category}.consents.termsAndConditions`]: 'By continuing you agree to share this data for the purposes above.',
  [`${category}.consents.nextButton`]: 'Continue',
  [`${category}.consents.headers.purpose`]: 'Why we need your data',
  [`${category}.consents.headers.access`]: 'What we can and cannot do',
  [`${category}.consents.headers.accountInformation`]: 'Account information',
  [`${category}.consents.headers.platformData`]: 'Data we read',
  [`${category}.consents.headers.retention`]: 'How long we keep it',
});

export const DEFAULT_LINK_TEXT = {
  'landing.title': 'Connect your business software',
  'landing.subtitle': 'It takes about two minutes. Your data is shared securely and read-only.',
  'landing.nextButton': 'Get started',
  'main.title': 'Connect your accounts',
  'main.subtitle': 'Choose what to share. You can come back and add more later.',
  ...consentDefaults('accounting', 'accounting'),
  ...consentDefaults('banking', 'banking'),
  ...consentDefaults('commerce', 'sales'),
  'exit.title': 'Leave without finishing?',
  'exit.body': 'Anything you already connected stays connected. You can come back to this link later.',
  'exit.confirmButton': 'Exit without finishing',
  'exit.cancelButton': 'Keep connecting',
  'done.title': "You're all set",
  'done.subtitle': 'Thank you. These connections are now shared:',
  'done.continueButton': 'Continue',
  'done.nothingSubtitle': 'You have not connected any accounts, so nothing will be shared. You can come back to this link later.',
  'finished.title': "You're all set",
  'finished.body': 'Thank you. You shared data from {platformNames}. You may now close this window.',
  'finished.nothingTitle': 'Nothing was shared',
  'finished.nothingBody': 'You did not connect any accounts, so no data was shared. You can use the same link again whenever you are ready.',
  'invite.title': 'Connect your business',
  'invite.body': 'Enter your company name to start sharing your financial data securely.',
} as const;

export type LinkTextKey = keyof typeof DEFAULT_LINK_TEXT;
export const LINK_TEXT_KEYS = Object.keys(DEFAULT_LINK_TEXT) as LinkTextKey[];
