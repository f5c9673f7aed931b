import { describe, expect, it } from 'vitest';
import { assertTransition, assertUnlinkable, canTransition, linkedConnection, type Connection } from './connection.js';

describe('connection lifecycle', () => {
  it('allows the documented moves only', () => {
    expect(canTransition('PendingAuth', 'Linked')).toBe(true);
    expect(canTransition('Linked', 'Unlinked')).toBe(true);
    expect(canTransition('Linked', 'Deauthorized')).toBe(true);
    expect(canTransition('Deauthorized', 'Linked')).toBe(true);
    expect(canTransition('Unlinked', 'Deauthorized')).toBe(false);
    expect(canTransition('PendingAuth', 'Unlinked')).toBe(false);
    expect(() => assertTransition('Unlinked', 'PendingAuth')).toThrow(/cannot move/);
  });

  it('unlinks only Linked connections and only to Unlinked', () => {
    expect(() => assertUnlinkable('Linked', 'Unlinked')).not.toThrow();
    expect(() => assertUnlinkable('PendingAuth', 'Unlinked')).toThrow(/Only Linked/);
    expect(() => assertUnlinkable('Linked', 'Deauthorized')).toThrow(/Only status 'Unlinked'/);
  });
});

describe('linking a connection', () => {
  const connection: Connection = {
    id: 'c1', clientId: 'cl', companyId: 'co', integrationKey: 'mqjo', sourceType: 'Accounting', status: 'PendingAuth',
    created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', lastSync: null, linkedAt: null, connectionInfo: { shop: 'a' },
    dataConnectionErrors: [
      { statusCode: '403', statusText: 'access_denied', errorMessage: 'Cancelled', erroredOnUtc: '2026-01-01T00:01:00.000Z', status: 'Active', resolvedOnUtc: null },
      { statusCode: '500', statusText: 'x', errorMessage: 'Old', erroredOnUtc: '2026-01-01T00:00:30.000Z', status: 'Resolved', resolvedOnUtc: '2026-01-01T00:00:40.000Z' },
    ],
  };

  it('links, keeps the first link time and resolves the active errors only', () => {
    const now = '2026-01-02T00:00:00.000Z';
    const linked = linkedConnection(connection, now, { shop: 'b' });
    expect(linked).toMatchObject({ status: 'Linked', modified: now, linkedAt: now, connectionInfo: { shop: 'b' } });
    expect(linked.dataConnectionErrors.map((e) => [e.status, e.resolvedOnUtc])).toEqual([['Resolved', now], ['Resolved', '2026-01-01T00:00:40.000Z']]);
    expect(linkedConnection({ ...linked, status: 'Unlinked' }, '2026-02-01T00:00:00.000Z', null).linkedAt).toBe(now);
  });
});
