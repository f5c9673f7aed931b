import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('defaults to embedded SQLite under ./data on port 8080', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.database).toEqual({ kind: 'sqlite', filename: 'data/doorway.db' });
  });

  it('selects PostgreSQL from DATABASE_URL and then requires an encryption key', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(/DOORWAY_ENCRYPTION_KEY/);
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', DOORWAY_ENCRYPTION_KEY: 'k'.repeat(44) });
    expect(config.database).toMatchObject({ kind: 'postgres', connectionString: 'postgres://u@h/db', preparedStatements: true });
  });

  it('reads the PostgreSQL prepared-statement switch and the API-key cache time', () => {
    const env = { DATABASE_URL: 'postgres://u@h/db', DOORWAY_ENCRYPTION_KEY: 'k'.repeat(44) };
    expect(loadConfig({ ...env, DATABASE_PREPARED_STATEMENTS: 'false' }).database).toMatchObject({ preparedStatements: false });
    expect(loadConfig({}).apiKeyCacheSeconds).toBe(5);
    expect(loadConfig({ DOORWAY_API_KEY_CACHE_SECONDS: '0' }).apiKeyCacheSeconds).toBe(0);
    expect(() => loadConfig({ DOORWAY_API_KEY_CACHE_SECONDS: '-1' })).toThrow(/DOORWAY_API_KEY_CACHE_SECONDS/);
    expect(() => loadConfig({ ...env, DATABASE_PREPARED_STATEMENTS: 'maybe' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it('reads the Link retention, pruning period and per-address session limit', () => {
    expect(loadConfig({}).link).toEqual({ eventRetentionDays: 90, pruneIntervalMs: 300_000, sessionsPerMinute: 60 });
    const link = loadConfig({ LINK_EVENT_RETENTION_DAYS: '30', LINK_PRUNE_INTERVAL_SECONDS: '60', LINK_SESSIONS_PER_MINUTE: '0' }).link;
    expect(link).toEqual({ eventRetentionDays: 30, pruneIntervalMs: 60_000, sessionsPerMinute: 0 });
    expect(() => loadConfig({ LINK_EVENT_RETENTION_DAYS: '0' })).toThrow(/LINK_EVENT_RETENTION_DAYS/);
    expect(() => loadConfig({ LINK_PRUNE_INTERVAL_SECONDS: '0' })).toThrow(/LINK_PRUNE_INTERVAL_SECONDS/);
  });

  it('reads TRUST_PROXY as Express reads `trust proxy`: false, true (one hop), a number of hops, or trusted addresses', () => {
    expect(loadConfig({}).trustProxy).toEqual({ hops: 0 });
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ hops: 0 });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual({ hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,::1,loopback' }).trustProxy).toEqual({ addresses: ['10.0.0.0/8', '192.0.2.7', '::1', 'loopback'] });
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it('allows private destinations everywhere with OUTBOUND_ALLOW_PRIVATE_DESTINATIONS, for webhooks alone with WEBHOOK_ALLOW_PRIVATE_DESTINATIONS', () => {
    const policy = (env: Record<string, string>) => {
      const config = loadConfig(env);
      return [config.outbound.allowPrivateDestinations, config.webhooks.allowPrivateDestinations];
    };
    expect(policy({})).toEqual([false, false]);
    expect(policy({ OUTBOUND_ALLOW_PRIVATE_DESTINATIONS: 'true' })).toEqual([true, true]);
    expect(policy({ WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true' })).toEqual([false, true]);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'not a url', DATABASE_URL: 'mysql://x', DOORWAY_API_KEY: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'PUBLIC_URL', 'DATABASE_URL', 'DOORWAY_API_KEY']) expect(message).toContain(name);
  });

  it('strips a trailing slash from PUBLIC_URL and ignores unrelated variables', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://link.example.com/', HOME: '/root' });
    expect(config.publicUrl).toBe('https://link.example.com');
  });
});
