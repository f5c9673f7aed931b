import { describe, expect, it } from 'vitest';
import {
  categoryAction,
  connectionAction,
  filterIntegrations,
  findConnection,
  findIntegration,
  initialScreen,
  linkedConnections,
  restartEndpoint,
  resultOutcome,
  screenKey,
  transition,
  type Screen,
} from './flow';
import type { LinkBootstrap, LinkCategory, LinkConnection, LinkIntegration, LinkState } from '../../../src/wire/link/link-api-schemas';

const bootstrap = (extra: Partial<LinkBootstrap> = {}): LinkBootstrap => ({ apiBase: '/link/api', csrfToken: 't', view: 'flow', ...extra });

const connection = (extra: Partial<LinkConnection> = {}): LinkConnection => ({
  id: 'c1',
  platformKey: 'gbol',
  platformName: 'Xero',
  integrationId: 'i1',
  sourceId: 's1',
  sourceType: 'Accounting',
  logoUrl: '/static/logos/gbol.svg',
  status: 'PendingAuth',
  created: '2026-11-24T00:00:00Z',
  linkedAt: null,
  lastError: null,
  ...extra,
});

const integration = (key: string, name: string, extra: Partial<LinkIntegration> = {}): LinkIntegration => ({
  key,
  name,
  logoUrl: `/static/logos/${key}.svg`,
  isSandbox: false,
  authType: 'oauth2',
  fields: [],
  ...extra,
});

const category = (extra: Partial<LinkCategory> = {}): LinkCategory => ({
  sourceType: 'Accounting',
  key: 'accounting',
  optional: false,
  allowMultiple: false,
  connections: [],
  integrations: [],
  ...extra,
});

const state = (categories: LinkCategory[], extra: Partial<LinkState> = {}): LinkState => ({
  company: { id: 'co', name: 'Acme' },
  client: { name: 'Lender', logoUrl: null, iconUrl: null },
  branding: { primaryColor: '#1f4bd8', secondaryColor: '#0b1b3f' },
  showLandingPage: false,
  text: {},
  categories,
  canComplete: false,
  redirectConfigured: true,
  ...extra,
});

describe('initialScreen', () => {
  it('opens the landing page only when the state asks for it', () => {
    expect(initialScreen(bootstrap(), { showLandingPage: true })).toEqual({ name: 'landing' });
    expect(initialScreen(bootstrap(), { showLandingPage: false })).toEqual({ name: 'main' });
    expect(initialScreen(bootstrap({ initialStep: { kind: 'main' } }), { showLandingPage: false })).toEqual({ name: 'main' });
  });

  it('lets a server-chosen step win over the landing page', () => {
    expect(initialScreen(bootstrap({ initialStep: { kind: 'result', connectionId: 'c9' } }), { showLandingPage: true })).toEqual({
      name: 'result',
      connectionId: 'c9',
    });
    expect(initialScreen(bootstrap({ initialStep: { kind: 'credentials', connectionId: 'c9' } }), { showLandingPage: true })).toEqual({
      name: 'credentials',
      connectionId: 'c9',
    });
  });

  it('shows the finished page for the result view without a connection', () => {
    expect(initialScreen(bootstrap({ view: 'result' }), { showLandingPage: true })).toEqual({ name: 'finished' });
  });
});

describe('transition', () => {
  const main: Screen = { name: 'main' };
  const c = connection();

  it('walks the happy path main → platforms → consent', () => {
    expect(transition({ name: 'landing' }, { type: 'landing.next' })).toEqual({ screen: main });
    expect(transition(main, { type: 'category.chosen', category: 'banking' })).toEqual({
      screen: { name: 'platforms', category: 'banking' },
    });
    expect(transition({ name: 'platforms', category: 'accounting' }, { type: 'connection.started', category: 'accounting', connection: c })).toEqual({
      screen: { name: 'consent', category: 'accounting', connection: c },
    });
  });

  it('leaves the page for a redirect and shows the form for credentials', () => {
    const consent: Screen = { name: 'consent', category: 'accounting', connection: c };
    expect(transition(consent, { type: 'authorization.next', connection: c, next: { kind: 'redirect', url: '/link/connections/c1/authorize' } })).toEqual({
      navigate: '/link/connections/c1/authorize',
    });
    expect(transition(consent, { type: 'authorization.next', connection: c, next: { kind: 'credentials' } })).toEqual({
      screen: { name: 'credentials', connectionId: 'c1', connection: c },
    });
  });

  it('goes from saved credentials to the result, or on to the platform if the server says so', () => {
    const form: Screen = { name: 'credentials', connectionId: 'c1' };
    expect(transition(form, { type: 'credentials.saved', connection: c })).toEqual({ screen: { name: 'result', connectionId: 'c1' } });
    expect(transition(form, { type: 'credentials.saved', connection: c, next: { kind: 'redirect', url: '/x' } })).toEqual({ navigate: '/x' });
    expect(transition(form, { type: 'credentials.saved', connection: c, next: { kind: 'credentials' } })).toEqual({
      screen: { name: 'result', connectionId: 'c1' },
    });
  });

  it('returns to main from the result and goes to done on complete', () => {
    expect(transition({ name: 'result', connectionId: 'c1' }, { type: 'result.continue' })).toEqual({ screen: main });
    expect(transition(main, { type: 'complete.chosen' })).toEqual({ screen: { name: 'done' } });
  });

  it('goes back one step', () => {
    expect(transition({ name: 'platforms', category: 'banking' }, { type: 'back' })).toEqual({ screen: main });
    expect(transition({ name: 'consent', category: 'banking', connection: c }, { type: 'back' })).toEqual({
      screen: { name: 'platforms', category: 'banking' },
    });
    expect(transition({ name: 'credentials', connectionId: 'c1' }, { type: 'back' })).toEqual({ screen: main });
    expect(transition({ name: 'done' }, { type: 'back' })).toEqual({ screen: main });
    expect(transition({ name: 'landing' }, { type: 'back' })).toEqual({ screen: { name: 'landing' } });
  });
});

describe('screenKey', () => {
  it('differs between screens of the same kind so each one mounts fresh', () => {
    expect(screenKey({ name: 'platforms', category: 'banking' })).not.toBe(screenKey({ name: 'platforms', category: 'commerce' }));
    expect(screenKey({ name: 'result', connectionId: 'a' })).not.toBe(screenKey({ name: 'result', connectionId: 'b' }));
    expect(screenKey({ name: 'main' })).toBe('main');
  });
});

describe('main screen actions', () => {
  it('offers Connect until something is linked, then Add another only where several are allowed', () => {
    expect(categoryAction(category())).toBe('connect');
    expect(categoryAction(category({ connections: [connection({ status: 'Unlinked' })] }))).toBe('connect');
    // A waiting connection's own Continue / Try again is the one action.
    expect(categoryAction(category({ connections: [connection({ status: 'PendingAuth' })] }))).toBeNull();
    expect(categoryAction(category({ connections: [connection({ status: 'PendingAuth', lastError: { statusCode: '500', message: 'x', at: 'x' } })] }))).toBeNull();
    const bank = { key: 'banking', sourceType: 'Banking', allowMultiple: true } as const;
    expect(categoryAction(category({ ...bank, connections: [connection({ status: 'Linked' }), connection({ id: 'c2', status: 'PendingAuth' })] }))).toBeNull();
    expect(categoryAction(category({ connections: [connection({ status: 'Linked' })] }))).toBeNull();
    expect(categoryAction(category({ key: 'banking', sourceType: 'Banking', allowMultiple: true, connections: [connection({ status: 'Linked' })] }))).toBe(
      'addAnother',
    );
  });

  it('maps each connection status to its action', () => {
    expect(connectionAction(connection({ status: 'Linked' }))).toBe('disconnect');
    expect(connectionAction(connection({ status: 'Unlinked' }))).toBe('reconnect');
    expect(connectionAction(connection({ status: 'Deauthorized' }))).toBe('reconnect');
    expect(connectionAction(connection({ status: 'PendingAuth' }))).toBe('resume');
    expect(connectionAction(connection({ status: 'PendingAuth', lastError: { statusCode: '500', message: 'Denied', at: 'x' } }))).toBe('tryAgain');
  });

  it('restarts a never-authorized connection through consent and the others through reconnect', () => {
    expect(restartEndpoint(connection({ status: 'PendingAuth' }))).toBe('consent');
    expect(restartEndpoint(connection({ status: 'Deauthorized' }))).toBe('reconnect');
    expect(restartEndpoint(connection({ status: 'Unlinked' }))).toBe('reconnect');
  });

  it('judges the result by the connection status', () => {
    expect(resultOutcome(connection({ status: 'Linked' }))).toBe('success');
    expect(resultOutcome(connection({ status: 'PendingAuth' }))).toBe('failure');
    expect(resultOutcome(connection({ status: 'PendingAuth', lastError: { statusCode: '502', message: 'Down', at: 'x' } }))).toBe('failure');
    expect(resultOutcome(connection({ status: 'PendingAuth', lastError: { statusCode: '403', message: 'User cancelled', at: 'x' } }))).toBe('cancelled');
  });
});

describe('lookups', () => {
  const xero = integration('gbol', 'Xero');
  const bank = integration('bank', 'Bank Sandbox', { isSandbox: true });
  const s = state([
    category({ integrations: [xero], connections: [connection({ id: 'a', status: 'Linked' }), connection({ id: 'b', status: 'Unlinked' })] }),
    category({ key: 'banking', sourceType: 'Banking', integrations: [bank], connections: [connection({ id: 'c', platformKey: 'bank', status: 'Linked' })] }),
  ]);

  it('finds connections and integrations with their category', () => {
    expect(findConnection(s, 'c')?.category.key).toBe('banking');
    expect(findConnection(s, 'zz')).toBeUndefined();
    expect(findIntegration(s, 'bank')?.integration).toBe(bank);
    expect(findIntegration(s, 'bank')?.category.key).toBe('banking');
  });

  it('lists only linked connections, in category order', () => {
    expect(linkedConnections(s).map((l) => l.connection.id)).toEqual(['a', 'c']);
  });
});

describe('filterIntegrations', () => {
  const list = [integration('gbol', 'Xero'), integration('qudb', 'QuickBooks Online'), integration('akxx', 'Sage Accounting'), integration('egw', 'Ébène Books')];

  it('matches names case- and accent-insensitively, and exact keys', () => {
    expect(filterIntegrations(list, 'quick').map((i) => i.key)).toEqual(['qudb']);
    expect(filterIntegrations(list, '  XERO ').map((i) => i.key)).toEqual(['gbol']);
    expect(filterIntegrations(list, 'ebene').map((i) => i.key)).toEqual(['egw']);
    expect(filterIntegrations(list, 'qudb').map((i) => i.key)).toEqual(['qudb']);
    expect(filterIntegrations(list, 'zzz')).toEqual([]);
  });

  it('returns everything for an empty query without changing the order', () => {
    expect(filterIntegrations(list, '').map((i) => i.key)).toEqual(['gbol', 'qudb', 'akxx', 'egw']);
  });
});
