import { pino } from 'pino';
import { createRuntime, type Runtime } from '../src/bootstrap/create-runtime.js';
import type { Config } from '../src/config/load-config.js';
import { createClient } from '../src/services/clients/create-client.js';
import { createBenchDatabase } from './bench-database.js';
import { listen } from './listen.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/** Fixed so runs are repeatable; it only protects this throwaway database. */
/** The bench client's first Portal admin (bench parts sign in as it). */
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1';

export const BENCH_ENCRYPTION_KEY = Buffer.alloc(32, 0x42).toString('base64');

/** Doorways still open, so an interrupted run (Ctrl-C) can still drop its databases. */
const running = new Set<() => Promise<void>>();

export async function closeAllBenchDoorways(): Promise<void> {
  await Promise.allSettled([...running].map((close) => close()));
}

export interface BenchDoorway {
  url: string;
  runtime: Runtime;
  clientId: string;
  /** `Authorization` header value for the client's API key. */
  authorization: string;
  /** Routes requests to Doorway; until called, the server answers 503 (e.g. while seeding). */
  open(): void;
  close(): Promise<void>;
}

/**
 * The real Doorway, built through `createRuntime` as `main.ts` does, on a fresh database, with one
 * client made by `createClient`. Each benchmark module starts its own, so they cannot skew each other.
 */
export async function startBenchDoorway(
  dialect: BenchDialect,
  settings: BenchSettings,
  options: {
    providersFile?: string;
    /** A part's own settings on top of the bench defaults (e.g. the token-refresh job's). */
    adjust?: (config: Config) => Config;
  } = {},
): Promise<BenchDoorway> {
  const database = await createBenchDatabase(dialect, settings);
  const closers: Array<() => Promise<void>> = [() => database.drop()];
  const close = async () => {
    running.delete(close);
    // Reverse order: server, then runtime (pool), then the database; keep going past failures.
    const failures: unknown[] = [];
    for (const closer of closers.splice(0).reverse()) await closer().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'bench cleanup failed');
  };
  running.add(close);
  try {
    // Listen first: the public URL must be known before the app is built.
    const server = await listen(() => new Response('starting', { status: 503 }));
    closers.push(() => server.close());
    const adjust = options.adjust ?? ((config: Config) => config);
    const config: Config = adjust({
      port: 0,
      host: '127.0.0.1',
      publicUrl: server.url,
      dataDir: database.dataDir,
      database: database.config,
      apiKey: undefined,
      apiKeyCacheSeconds: 5,
      encryptionKey: BENCH_ENCRYPTION_KEY,
      providersFile: options.providersFile,
      logLevel: 'silent',
      maxBodyBytes: 1_048_576,
      trustProxy: { hops: 0 },
      // One address drives every Link journey here: the per-address session limit would throttle the benchmark.
      link: { eventRetentionDays: 90, pruneIntervalMs: 300_000, sessionsPerMinute: 0 },
      sandbox: { accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 30 * 86_400 },
      faultInjection: 'off',
      proxy: { timeoutMs: 30_000 },
      // The API benchmark has no webhook consumers; the webhook benchmark starts its own worker.
      outbound: { allowPrivateDestinations: true },
      webhooks: { worker: 'off', allowPrivateDestinations: true, retryScheduleSeconds: undefined, retentionDays: 30, timeoutMs: 15_000, concurrency: 64 },
      // Requests refresh on demand; no background job skews the API numbers.
      portal: { adminEmail: 'bench-admin@doorway.test', adminPassword: BENCH_ADMIN_PASSWORD },
      tokenRefresh: { worker: 'off', concurrency: 8, failureDays: 4 },
    });
    const runtime = await createRuntime(config, { log: pino({ level: 'silent' }) });
    closers.push(() => runtime.close());
    const { client, apiKey } = await createClient(runtime.deps, { name: 'Bench' });
    return {
      url: server.url,
      runtime,
      clientId: client.id,
      authorization: `Basic ${Buffer.from(apiKey).toString('base64')}`,
      open: () => server.setHandler(runtime.app.fetch),
      close,
    };
  } catch (error) {
    await close().catch((cleanupError: unknown) => console.error('bench: cleanup after a failed start also failed:', cleanupError));
    throw error;
  }
}
