import { describe, expect, it } from 'vitest';
import { assertTransition, assertUnlinkable, canTransition } from './connection.js';

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
