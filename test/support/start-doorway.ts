import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import { createRuntime, type Runtime } from '../../src/bootstrap/create-runtime.js';
import type { Config } from '../../src/config/load-config.js';
import type { Clock } from '../../src/domain/clock.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases.js';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';
/** The default client's first Portal admin in every test Doorway. */
export const TEST_ADMIN = { email: 'admin@doorway.test', password: 'correct horse battery staple' } as const;
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export interface ApiResult {
  status: number;
  json: Record<string, any>;
}

export interface RunningDoorway {
  url: string;
  apiKey: string;
  authHeader: string;
  runtime: Runtime;
  /** Calls the Codat-style API as the default client. */
  api(method: string, path: string, body?: unknown): Promise<ApiResult>;
  close(): Promise<void>;
}

export interface StartOptions {
  dialect?: TestDialect;
  clock?: Clock;
  config?: Partial<Config>;
  /** Runs the webhook worker in-process (as `npm start` does). */
  webhookWorker?: boolean;
  /** Runs the background token refresher in-process (as `npm start` does). */
  tokenRefreshJob?: boolean;
  /** Runs the expired-data pruner in-process (as `npm start` does). */
  pruner?: boolean;
  /** An existing database (a restart): the caller drops it, `close()` does not. */
  database?: TestDatabase;
  /** Where Doorway logs (default: nowhere). */
  log?: Logger;
}

/** Starts the real Doorway (real database, migrations, HTTP server on a free port). */
export async function startDoorway(options: StartOptions = {}): Promise<RunningDoorway> {
  const database = options.database ?? (await createTestDatabase(options.dialect ?? 'sqlite'));
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://placeholder.invalid',
    dataDir: database.dataDir,
    database: database.config,
    apiKey: TEST_API_KEY,
    apiKeyCacheSeconds: 5,
    encryptionKey: TEST_ENCRYPTION_KEY,
    providersFile: undefined,
    logLevel: 'silent',
    maxBodyBytes: 1_048_576,
    trustProxy: { hops: 0 },
    link: { eventRetentionDays: 90, pruneIntervalMs: 300_000, sessionsPerMinute: 60 },
    sandbox: { accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 30 * 86_400 },
    faultInjection: 'off',
    proxy: { timeoutMs: 30_000 },
    // Test platforms (oidc-provider, local servers) listen on loopback.
    outbound: { allowPrivateDestinations: true },
    webhooks: {
      worker: 'off',
      allowPrivateDestinations: true,
      retryScheduleSeconds: undefined,
      retentionDays: 30,
      timeoutMs: 15_000,
      concurrency: 16,
    },
    portal: { adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password },
    tokenRefresh: { worker: 'off', concurrency: 4, failureDays: 4 },
    ...options.config,
  };
  // The public URL must be known before the app is built, so listen first and attach the app after.
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request, env) => handler(request, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = await createRuntime(
    { ...config, publicUrl: options.config?.publicUrl ?? url },
    { log: options.log ?? pino({ level: 'silent' }), ...(options.clock ? { clock: options.clock } : {}) },
  );
  handler = (request, env) => runtime.app.fetch(request, env);
  if (options.webhookWorker) runtime.worker.start();
  if (options.pruner) runtime.pruner.start();
  if (options.tokenRefreshJob) runtime.tokenRefreshJob.start();
  const authHeader = basicAuth(TEST_API_KEY);
  return {
    url,
    apiKey: TEST_API_KEY,
    authHeader,
    runtime,
    api: async (method, path, body) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { Authorization: authHeader, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await runtime.close();
      if (!options.database) await database.drop();
    },
  };
}

export const basicAuth = (apiKey: string) => `Basic ${Buffer.from(apiKey).toString('base64')}`;

/**
 * One Doorway for a whole `describe` block: started before its first test, closed after its
 * last. The returned object reads through to the running instance, so suites can keep it in a
 * `const` instead of repeating the `let` + hooks in every file.
 */
export function doorwayForSuite(options: StartOptions): RunningDoorway {
  let running: RunningDoorway | undefined;
  beforeAll(async () => {
    running = await startDoorway(options);
  });
  afterAll(async () => running?.close());
  const current = () => {
    if (!running) throw new Error('Doorway starts in beforeAll: use it inside a test or a hook');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get apiKey() {
      return current().apiKey;
    },
    get authHeader() {
      return current().authHeader;
    },
    get runtime() {
      return current().runtime;
    },
    api: (method, path, body) => current().api(method, path, body),
    close: () => current().close(),
  };
}
