import { substitute, UI_COPY, type Vars } from '../../../link/src/text';

/**
 * The Connections SDK's words. Codat's component takes no text but the data types each
 * category shares, so these are fixed; statuses and the shared verbs are the Link UI's own, so
 * a customer reads the same word for the same thing in both.
 */
const COPY = {
  title: 'Your connections',
  subtitle: 'The accounts this business shares data from. Disconnect one to stop sharing; reconnect it whenever you like.',
  loading: 'Loading your connections…',
  empty: 'No connections yet',
  emptyBody: 'When you connect an accounting, banking or commerce platform, it will appear here.',
  close: 'Close',
  firstAuthorized: 'First authorized',
  shares: 'Shares',
  disconnectTitle: UI_COPY['ui.disconnect.title'],
  disconnectBody: 'Data will no longer be shared from {platformName}. You can reconnect it later.',
  disconnect: UI_COPY['ui.disconnect'],
  reconnect: UI_COPY['ui.reconnect'],
  cancel: UI_COPY['ui.cancel'],
  tryAgain: UI_COPY['ui.tryAgain'],
  disconnected: UI_COPY['ui.disconnected'],
  reconnecting: 'Finish signing in to {platformName} in the window that opened.',
  reconnected: '{platformName} is connected again.',
  notReconnected: '{platformName} was not reconnected.',
  popupClosed: 'The {platformName} window was closed before you finished signing in, so it was not reconnected.',
  popupBlocked: 'Your browser blocked the window for signing in to {platformName}. Allow pop-ups for this page and try again.',
  needsForm: '{platformName} needs its details entered again. Reconnect it from the Link page instead.',
  loadFailed: 'We could not load your connections',
  tokenRefused: 'This page could not show your connections: its access has expired or is not valid. Reload the page to try again.',
  unreachable: 'We could not reach the connections service from this page. Check your internet connection, or ask the site owner to allow this page.',
  network: UI_COPY['ui.error.network'],
  generic: UI_COPY['ui.error.generic'],
  'category.accounting': UI_COPY['ui.category.Accounting'],
  'category.banking': UI_COPY['ui.category.Banking'],
  'category.commerce': UI_COPY['ui.category.Commerce'],
  'category.other': 'Other',
  'status.Linked': UI_COPY['ui.status.Linked'],
  'status.PendingAuth': UI_COPY['ui.status.PendingAuth'],
  'status.Unlinked': UI_COPY['ui.status.Unlinked'],
  'status.Deauthorized': UI_COPY['ui.status.Deauthorized'],
} as const;

export type CopyKey = keyof typeof COPY;

export const copy = (key: CopyKey, vars: Vars = {}): string => substitute(COPY[key], vars);
