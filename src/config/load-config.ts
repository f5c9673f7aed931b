import path from 'node:path';
import { configSchema, type TrustProxy } from './schema.js';

export type { TrustProxy } from './schema.js';

export type DatabaseConfig =
  | { kind: 'sqlite'; filename: string }
  | {
      kind: 'postgres';
      connectionString: string;
      poolSize: number;
      /** Named prepared statements (default on); off for poolers that cannot keep them, e.g. PgBouncer in transaction mode before 1.21. */
      preparedStatements?: boolean;
    };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  apiKey: string | undefined;
  /** How long a process may reuse a successful API-key lookup (0: never). */
  apiKeyCacheSeconds: number;
  encryptionKey: string | undefined;
  providersFile: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  /** Which proxies' X-Forwarded-For entries are believed (TRUST_PROXY). */
  trustProxy: TrustProxy;
  link: {
    /** Days funnel events are kept. */
    eventRetentionDays: number;
    /** Period of the pruner of expired Link rows. */
    pruneIntervalMs: number;
    /** Sessions (Link page loads) per client address per minute; 0: unlimited. */
    sessionsPerMinute: number;
  };
  /** The built-in Sandbox platform's token lifetimes. */
  sandbox: {
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  /** Test-only fault injection (DOORWAY_FAULT_INJECTION); 'off' in any real deployment. */
  faultInjection: 'off' | 'kill-after-idempotent-commit';
  /** The first Portal admin of the default client (DOORWAY_ADMIN_EMAIL, DOORWAY_ADMIN_PASSWORD). */
  portal: {
    adminEmail: string | undefined;
    adminPassword: string | undefined;
  };
  proxy: {
    /** Connect + response headers from the platform (PROXY_TIMEOUT_MS). */
    timeoutMs: number;
  };
  /** Every request Doorway sends to an address it was given (OUTBOUND_ALLOW_PRIVATE_DESTINATIONS). */
  outbound: {
    /** Private and loopback destinations allowed for every outbound path. */
    allowPrivateDestinations: boolean;
  };
  webhooks: {
    worker: 'inline' | 'off';
    /** Resolved for webhooks: WEBHOOK_ALLOW_PRIVATE_DESTINATIONS or OUTBOUND_ALLOW_PRIVATE_DESTINATIONS. */
    allowPrivateDestinations: boolean;
    retryScheduleSeconds: number[] | undefined;
    retentionDays: number;
    timeoutMs: number;
    concurrency: number;
  };
  tokenRefresh: {
    worker: 'inline' | 'off';
    concurrency: number;
    /** Separate days of failed refreshes after which a connection is Deauthorized. */
    failureDays: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Names of the variables `configSchema` knows; anything else in the environment is ignored. */
const KNOWN_KEYS = Object.keys(configSchema.shape);

/**
 * Reads and validates the environment once. A bad value throws a `ConfigError` that names every
 * offending variable, so startup stops with a message an operator can act on.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of KNOWN_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const database = parseDatabaseUrl(raw.DATABASE_URL, raw.DATA_DIR, raw.DATABASE_POOL_SIZE, raw.DATABASE_PREPARED_STATEMENTS);
  if (database.kind === 'postgres' && !raw.DOORWAY_ENCRYPTION_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  DOORWAY_ENCRYPTION_KEY: required when DATABASE_URL points at PostgreSQL (every process must share the key)',
    );
  }
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
  return {
    port: raw.PORT,
    host: raw.HOST,
    publicUrl,
    dataDir: raw.DATA_DIR,
    database,
    apiKey: raw.DOORWAY_API_KEY,
    apiKeyCacheSeconds: raw.DOORWAY_API_KEY_CACHE_SECONDS,
    encryptionKey: raw.DOORWAY_ENCRYPTION_KEY,
    providersFile: raw.DOORWAY_PROVIDERS_FILE,
    logLevel: raw.LOG_LEVEL,
    maxBodyBytes: raw.MAX_BODY_BYTES,
    trustProxy: raw.TRUST_PROXY,
    link: {
      eventRetentionDays: raw.LINK_EVENT_RETENTION_DAYS,
      pruneIntervalMs: raw.LINK_PRUNE_INTERVAL_SECONDS * 1000,
      sessionsPerMinute: raw.LINK_SESSIONS_PER_MINUTE,
    },
    sandbox: {
      accessTokenTtlSeconds: raw.SANDBOX_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: raw.SANDBOX_REFRESH_TOKEN_TTL_SECONDS,
    },
    faultInjection: raw.DOORWAY_FAULT_INJECTION,
    portal: { adminEmail: raw.DOORWAY_ADMIN_EMAIL, adminPassword: raw.DOORWAY_ADMIN_PASSWORD },
    proxy: { timeoutMs: raw.PROXY_TIMEOUT_MS },
    outbound: { allowPrivateDestinations: raw.OUTBOUND_ALLOW_PRIVATE_DESTINATIONS },
    webhooks: {
      worker: raw.WEBHOOK_WORKER,
      // Either setting allows them: the outbound one covers every path, webhooks included.
      allowPrivateDestinations: raw.WEBHOOK_ALLOW_PRIVATE_DESTINATIONS || raw.OUTBOUND_ALLOW_PRIVATE_DESTINATIONS,
      retryScheduleSeconds: raw.WEBHOOK_RETRY_SCHEDULE?.split(',').map(Number),
      retentionDays: raw.WEBHOOK_RETENTION_DAYS,
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
      concurrency: raw.WEBHOOK_CONCURRENCY,
    },
    tokenRefresh: {
      worker: raw.TOKEN_REFRESH_WORKER,
      concurrency: raw.TOKEN_REFRESH_CONCURRENCY,
      failureDays: raw.TOKEN_REFRESH_FAILURE_DAYS,
    },
  };
}

function parseDatabaseUrl(url: string | undefined, dataDir: string, poolSize: number, preparedStatements: boolean): DatabaseConfig {
  if (url === undefined) return { kind: 'sqlite', filename: path.join(dataDir, 'doorway.db') };
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length);
    if (!filename) throw new ConfigError('Invalid configuration:\n  DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/doorway.db');
    return { kind: 'sqlite', filename };
  }
  return { kind: 'postgres', connectionString: url, poolSize, preparedStatements };
}
