/**
 * Remembers which client an API-key hash belongs to for a few seconds, so an authenticated
 * request does not pay a database read (a network round trip on PostgreSQL) before its real work.
 *
 * Only hits are remembered, so a flood of wrong keys cannot fill it. Deleting a key in this
 * process forgets that client's entries at once; in other processes a deleted key keeps working
 * for at most `ttlMs` (DOORWAY_API_KEY_CACHE_SECONDS; 0 turns the cache off).
 */
export interface ApiKeyLookupCache {
  get(keyHash: string): string | undefined;
  remember(keyHash: string, clientId: string): void;
  forgetClient(clientId: string): void;
}

interface Entry {
  clientId: string;
  expiresAt: number;
}

export function createApiKeyLookupCache(options: { ttlMs: number; maxEntries?: number; now?: () => number }): ApiKeyLookupCache {
  const { ttlMs, maxEntries = 1_000, now = Date.now } = options;
  const entries = new Map<string, Entry>();
  return {
    get(keyHash) {
      const entry = entries.get(keyHash);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(keyHash);
        return undefined;
      }
      return entry.clientId;
    },
    remember(keyHash, clientId) {
      if (ttlMs <= 0) return;
      // Map keeps insertion order: dropping the first entry drops the oldest.
      if (entries.size >= maxEntries && !entries.has(keyHash)) entries.delete(entries.keys().next().value as string);
      entries.set(keyHash, { clientId, expiresAt: now() + ttlMs });
    },
    forgetClient(clientId) {
      for (const [hash, entry] of entries) if (entry.clientId === clientId) entries.delete(hash);
    },
  };
}
