import { describe, expect, it } from 'vitest';
import { createApiKeyLookupCache } from './api-key-lookup-cache.js';

describe('API-key lookup cache', () => {
  it('answers until the time to live has passed, then asks again', () => {
    let now = 1_000;
    const cache = createApiKeyLookupCache({ ttlMs: 5_000, now: () => now });
    cache.remember('hash-a', 'client-1');
    now += 4_999;
    expect(cache.get('hash-a')).toBe('client-1');
    now += 1;
    expect(cache.get('hash-a')).toBeUndefined();
  });

  it("forgets every key of a client whose key was deleted, and only that client's", () => {
    const cache = createApiKeyLookupCache({ ttlMs: 5_000 });
    cache.remember('hash-a', 'client-1');
    cache.remember('hash-b', 'client-1');
    cache.remember('hash-c', 'client-2');
    cache.forgetClient('client-1');
    expect([cache.get('hash-a'), cache.get('hash-b'), cache.get('hash-c')]).toEqual([undefined, undefined, 'client-2']);
  });

  it('stays bounded by dropping the oldest entry', () => {
    const cache = createApiKeyLookupCache({ ttlMs: 5_000, maxEntries: 2 });
    cache.remember('hash-a', 'client-1');
    cache.remember('hash-b', 'client-2');
    cache.remember('hash-c', 'client-3');
    expect([cache.get('hash-a'), cache.get('hash-b'), cache.get('hash-c')]).toEqual([undefined, 'client-2', 'client-3']);
  });

  it('remembers nothing with a time to live of zero', () => {
    const cache = createApiKeyLookupCache({ ttlMs: 0 });
    cache.remember('hash-a', 'client-1');
    expect(cache.get('hash-a')).toBeUndefined();
  });
});
