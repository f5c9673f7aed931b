// Copy handling. Everything the contract makes configurable comes from `state.text`; the strings
// below are UI chrome the contract has no key for. The server may still override any of them by
// sending the same `ui.*` key in `state.text` (e.g. for another language).

export type Texts = Readonly<Record<string, string>>;
export type Vars = Readonly<Record<string, string | number>>;

export const UI_COPY = {
  'ui.loading': 'Loading…',
  'ui.exit': 'Exit',
  'ui.back': 'Back',
  'ui.cancel': 'Cancel',
  'ui.continue': 'Continue',
  'ui.required': 'Required',
  'ui.optional': 'Optional',
  'ui.sandbox': 'Sandbox',
  'ui.category.Accounting': 'Accounting',
  'ui.category.Banking': 'Banking',
  'ui.category.Commerce': 'Commerce',
  'ui.status.Linked': 'Connected',
  'ui.status.PendingAuth': 'Not finished',
  'ui.status.Unlinked': 'Disconnected',
  'ui.status.Deauthorized': 'Access expired',
  'ui.connect': 'Connect',
  'ui.addAnother': 'Add another',
  'ui.disconnect': 'Disconnect',
  'ui.reconnect': 'Reconnect',
  'ui.tryAgain': 'Try again',
  'ui.resume': 'Continue',
  'ui.complete': 'Complete',
  'ui.completeHint': 'Connect every required category to complete.',
  'ui.platforms.title': 'Select your platform',
  'ui.platforms.subtitle': 'Choose the {categoryName} platform your business uses.',
  'ui.platforms.search': 'Search platforms',
  'ui.platforms.countOne': '1 platform',
  'ui.platforms.countMany': '{count} platforms',
  'ui.platforms.noMatch': 'No platforms match “{query}”.',
  'ui.platforms.empty': 'No platforms are available for this category.',
  // Used only if the server leaves a consent section header empty (the contract resolves them).
  'ui.consent.purpose': 'Purpose',
  'ui.consent.access': 'Access',
  'ui.consent.accountInformation': 'Account information',
  'ui.consent.platformData': 'Platform data',
  'ui.consent.retention': 'Retention',
  'ui.credentials.title': 'Connect to {platformName}',
  'ui.credentials.subtitle': 'Enter the details {platformName} needs to connect your account.',
  'ui.credentials.submit': 'Connect',
  'ui.credentials.choose': 'Choose…',
  'ui.credentials.example': 'Example: {example}',
  'ui.credentials.invalid': 'Some fields need attention.',
  'ui.field.required': '{label} is required.',
  'ui.field.pattern': '{label} is not in the expected format.',
  'ui.field.option': 'Choose one of the options for {label}.',
  'ui.field.url': '{label} must be a full web address, such as https://example.com.',
  'ui.result.checking': 'Checking the connection…',
  'ui.result.success': 'Connected to {platformName}',
  'ui.result.successBody': 'Your {platformName} account is connected.',
  'ui.result.failure': 'Could not connect to {platformName}',
  'ui.result.failureBody': 'The connection was not completed.',
  'ui.result.cancelled': 'Nothing was shared',
  'ui.result.cancelledBody': 'You cancelled at {platformName}, so no data was shared. You can try again whenever you are ready.',
  'ui.result.another': 'Connect another account',
  'ui.disconnect.title': 'Disconnect {platformName}?',
  'ui.disconnect.body': '{clientName} will no longer receive data from {platformName}. You can reconnect later.',
  'ui.disconnected': '{platformName} was disconnected.',
  'ui.done.list': 'Connected',
  'ui.finished.title': 'You may close this window',
  'ui.finished.body': 'If you still need to connect an account, open the link you were sent again.',
  // Embedded Link only: the platform's sign-in runs in a popup (web/link/src/platform-authorization.tsx).
  'ui.popup.closed': 'The {platformName} window was closed before you finished signing in.',
  'ui.popup.blocked': 'Your browser blocked the {platformName} sign-in window.',
  'ui.popup.continueHere': 'Continue in this window',
  'ui.error.title': 'Something went wrong',
  'ui.error.generic': 'Something went wrong. Please try again.',
  'ui.error.network': 'We could not reach the server. Check your internet connection and try again.',
  'ui.invite.companyName': 'Company name',
  'ui.invite.continue': 'Continue',
} as const;

export type UiKey = keyof typeof UI_COPY;

/**
 * Replaces `{name}` placeholders in one pass, so a value that itself contains braces (a company
 * called "{platformName} Ltd") is never substituted again. Unknown placeholders stay as written.
 */
export function substitute(template: string, vars: Vars): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** A server text key (contract); '' when missing so nothing half-formed is shown. */
export function serverText(texts: Texts, key: string, vars: Vars = {}): string {
  return substitute(texts[key] ?? '', vars);
}

/** A UI chrome string: the server's override if it sent one, else the built-in default. */
export function uiText(texts: Texts, key: UiKey, vars: Vars = {}): string {
  return substitute(texts[key] ?? UI_COPY[key], vars);
}
