// The Link flow as pure functions: which screen comes first, what each user action leads to, and
// which actions a category or connection offers. The App component performs the API calls and
// feeds their answers in here as events, so every step of the journey is unit-testable.

import type { LinkBootstrap, LinkCategory, LinkCategoryKey, LinkConnection, LinkIntegration, LinkState, LinkNextStep } from '../../../src/wire/link/link-api-schemas';

export type Screen =
  | { name: 'loading' }
  | { name: 'landing' }
  | { name: 'main' }
  | { name: 'platforms'; category: LinkCategoryKey }
  | { name: 'consent'; category: LinkCategoryKey; connection: LinkConnection }
  | { name: 'credentials'; connectionId: string; connection?: LinkConnection }
  | { name: 'result'; connectionId: string }
  | { name: 'done' }
  | { name: 'finished' };

export type FlowEvent =
  | { type: 'landing.next' }
  | { type: 'category.chosen'; category: LinkCategoryKey }
  | { type: 'connection.started'; category: LinkCategoryKey; connection: LinkConnection }
  | { type: 'authorization.next'; connection: LinkConnection; next: LinkNextStep }
  | { type: 'credentials.saved'; connection: LinkConnection; next?: LinkNextStep }
  /** Embedded Link: the platform's popup came back (web/link/src/platform-authorization.tsx). */
  | { type: 'authorization.returned'; connectionId: string }
  | { type: 'result.continue' }
  | { type: 'complete.chosen' }
  | { type: 'back' };

/**
 * How the Portal's preview drives the real flow: the same screens, inside the Portal's page
 * (no landmarks of its own), started where the Portal asks, and fed new settings in place.
 */
export interface PreviewControl {
  /** The screen to start on instead of the flow's first one. */
  startAt?: Screen | undefined;
  /** Changes whenever the previewed settings do: the state is read again, the screen kept. */
  revision: number;
  /** Told every screen the flow shows, so the Portal knows where the preview is. */
  onScreen?: ((screen: Screen) => void) | undefined;
}

/** Either a new screen, or leave the single-page app for another URL (platform auth, redirect). */
export type Outcome = { screen: Screen } | { navigate: string };

const to = (screen: Screen): Outcome => ({ screen });

/** The first screen once the state is loaded. Server-chosen steps win over the landing page. */
export function initialScreen(bootstrap: LinkBootstrap, state: Pick<LinkState, 'showLandingPage'>): Screen {
  const step = bootstrap.initialStep;
  if (step?.kind === 'result') return { name: 'result', connectionId: step.connectionId };
  if (step?.kind === 'credentials') return { name: 'credentials', connectionId: step.connectionId };
  // The 'result' view without a connection is the page shown after completing with no redirect.
  if (bootstrap.view === 'result') return { name: 'finished' };
  return state.showLandingPage ? { name: 'landing' } : { name: 'main' };
}

function afterAuthorization(connection: LinkConnection, next: LinkNextStep | undefined): Outcome {
  if (next?.kind === 'redirect') return { navigate: next.url };
  return to({ name: 'credentials', connectionId: connection.id, connection });
}

/** Back goes one step up the journey; on screens without a parent it stays put. */
function back(screen: Screen): Screen {
  switch (screen.name) {
    case 'platforms':
    case 'credentials':
    case 'result':
    case 'done':
      return { name: 'main' };
    case 'consent':
      return { name: 'platforms', category: screen.category };
    default:
      return screen;
  }
}

export function transition(screen: Screen, event: FlowEvent): Outcome {
  switch (event.type) {
    case 'landing.next':
    case 'result.continue':
      return to({ name: 'main' });
    case 'category.chosen':
      return to({ name: 'platforms', category: event.category });
    case 'connection.started':
      return to({ name: 'consent', category: event.category, connection: event.connection });
    case 'authorization.next':
      return afterAuthorization(event.connection, event.next);
    case 'credentials.saved':
      // A platform that needs form values and then its own login continues to the platform.
      if (event.next?.kind === 'redirect') return { navigate: event.next.url };
      return to({ name: 'result', connectionId: event.connection.id });
    case 'authorization.returned':
      return to({ name: 'result', connectionId: event.connectionId });
    case 'complete.chosen':
      return to({ name: 'done' });
    case 'back':
      return to(back(screen));
  }
}

/** Stable identity of a screen, used as a key so each new screen mounts fresh (and gets focus). */
export function screenKey(screen: Screen): string {
  switch (screen.name) {
    case 'platforms':
      return `platforms:${screen.category}`;
    case 'consent':
      return `consent:${screen.connection.id}`;
    case 'credentials':
    case 'result':
      return `${screen.name}:${screen.connectionId}`;
    default:
      return screen.name;
  }
}

// ---- What the main screen offers -----------------------------------------------------------

export type CategoryAction = 'connect' | 'addAnother' | null;

/**
 * Connect until something is Linked; then "Add another" if the category allows several. A
 * connection still waiting (PendingAuth) is the category's one action (Continue / Try again): it
 * resumes at the consent page, whose Back leads to the platform list, so no second button is needed.
 */
export function categoryAction(category: LinkCategory): CategoryAction {
  if (category.connections.some((c) => c.status === 'PendingAuth')) return null;
  const linked = category.connections.some((c) => c.status === 'Linked');
  if (!linked) return 'connect';
  return category.allowMultiple ? 'addAnother' : null;
}

export type ConnectionAction = 'disconnect' | 'reconnect' | 'tryAgain' | 'resume';

export function connectionAction(connection: LinkConnection): ConnectionAction {
  switch (connection.status) {
    case 'Linked':
      return 'disconnect';
    case 'Unlinked':
    case 'Deauthorized':
      return 'reconnect';
    case 'PendingAuth':
      // Both resume at the consent page; after a failed or cancelled attempt it reads "Try again".
      return connection.lastError ? 'tryAgain' : 'resume';
  }
}

/**
 * Which endpoint restarts authorization. A PendingAuth connection has not been authorized yet,
 * so it repeats the consent step; Unlinked/Deauthorized ones use reconnect.
 */
export function restartEndpoint(connection: LinkConnection): 'consent' | 'reconnect' {
  return connection.status === 'PendingAuth' ? 'consent' : 'reconnect';
}

export function findCategory(state: LinkState, key: LinkCategoryKey): LinkCategory | undefined {
  return state.categories.find((c) => c.key === key);
}

export function findConnection(state: LinkState, id: string): { category: LinkCategory; connection: LinkConnection } | undefined {
  for (const category of state.categories) {
    const connection = category.connections.find((c) => c.id === id);
    if (connection) return { category, connection };
  }
  return undefined;
}

export function findIntegration(state: LinkState, platformKey: string): { category: LinkCategory; integration: LinkIntegration } | undefined {
  for (const category of state.categories) {
    const integration = category.integrations.find((i) => i.key === platformKey);
    if (integration) return { category, integration };
  }
  return undefined;
}

/** Case- and accent-insensitive "contains" on the name (and exact platform key). */
export function filterIntegrations(integrations: readonly LinkIntegration[], query: string): LinkIntegration[] {
  const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(query.trim());
  if (!q) return [...integrations];
  return integrations.filter((i) => fold(i.name).includes(q) || i.key.toLowerCase() === q);
}

/** What the done screen lists: every Linked connection, in category order. */
export function linkedConnections(state: LinkState): { category: LinkCategory; connection: LinkConnection }[] {
  return state.categories.flatMap((category) =>
    category.connections.filter((c) => c.status === 'Linked').map((connection) => ({ category, connection })),
  );
}

export type ResultOutcome = 'success' | 'cancelled' | 'failure';

/** The SMB chose Cancel at the platform (OAuth access_denied, statusCode 403): not an error. */
export const wasCancelled = (connection: LinkConnection): boolean => connection.lastError?.statusCode === '403';

export function resultOutcome(connection: LinkConnection): ResultOutcome {
  if (connection.status === 'Linked') return 'success';
  return wasCancelled(connection) ? 'cancelled' : 'failure';
}
