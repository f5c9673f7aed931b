import { pino, type Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { systemClock, toIso, type Clock } from '../domain/clock.js';
import { createPublicUrls } from '../domain/public-urls.js';
import { createApp } from '../http/app.js';
import { loadProvidersFile } from '../providers/load-providers-file.js';
import { createProviderRegistry } from '../providers/registry.js';
import { createAuthorizeTickets } from '../security/authorize-tickets.js';
import { createCompanyAccessTokens } from '../security/company-access-tokens.js';
import { createSecretBox } from '../security/secret-box.js';
import { ensureDefaultClient, type DefaultClientResult } from '../services/clients/ensure-default-client.js';
import { ensureFirstAdmin, type FirstAdminResult } from '../services/portal-auth/ensure-first-admin.js';
import type { LinkDeps } from '../services/link/link-deps.js';
import { findLinkAssetsDir } from '../http/link/link-assets.js';
import { migrateToLatest, openDatabase, type Database } from '../storage/kysely/database.js';
import { createApiKeyLookupCache } from '../storage/api-key-lookup-cache.js';
import { createStore } from '../storage/kysely/create-store.js';
import { createGroupCommitter } from '../storage/kysely/sqlite-group-commit.js';
import path from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.js';
import { pruneLinkData } from '../services/link/prune-link-data.js';
import { pruneSandboxGrants } from '../services/link/prune-sandbox-grants.js';
import { pruneStaffData } from '../services/portal-auth/prune-staff-data.js';
import { createExpiredDataPruner, type ExpiredDataPruner } from './expired-data-pruner.js';
import { createDeliveryWorker, type DeliveryWorker } from '../webhooks/delivery-worker.js';
import { createWebhookSender } from '../webhooks/webhook-sender.js';
import { createEventPublisher } from '../webhooks/publish-event.js';
import { resolveEncryptionKey } from './encryption-key.js';
import { createTokenRefresher } from '../services/connections/token-refresher.js';
import { createTokenRefreshJob, type TokenRefreshJob } from '../token-refresh/refresh-job.js';
import { createDestinationGuard } from '../outbound/destination-guard.js';
import { createUpstreamClient } from '../outbound/upstream-client.js';
import { createGuardedFetch } from '../outbound/guarded-fetch.js';
import { createPlatformFetch } from '../outbound/platform-fetch.js';

/** What platforms see as the caller of token, revocation, connectionInfo and API requests. */
const PLATFORM_USER_AGENT = 'Doorway/1';
/** No platform gets longer than this to start answering; token requests also carry their own 15 s budget. */
const OUTBOUND_TIMEOUT_MS = 15_000;

export const VERSION = '0.1.0';

export interface Runtime {
  config: Config;
  deps: LinkDeps;
  database: Database;
  log: Logger;
  app: ReturnType<typeof createApp>;
  defaultClient: DefaultClientResult;
  /** The default client's first Portal admin, when this start created it (`main` prints a generated password once). */
  firstAdmin: FirstAdminResult;
  /** Webhook delivery; `main` starts it in-process unless WEBHOOK_WORKER=off. */
  worker: DeliveryWorker;
  /** Refreshes connections' OAuth tokens as they fall due; `main` starts it unless TOKEN_REFRESH_WORKER=off. */
  tokenRefreshJob: TokenRefreshJob;
  /** Deletes expired Link rows and idempotency keys; `main` starts it in every serving process. */
  pruner: ExpiredDataPruner;
  close(): Promise<void>;
}

export interface RuntimeOverrides {
  clock?: Clock;
  log?: Logger;
  linkAssetsDir?: string;
}

/**
 * The composition root: the only place that wires config, storage, providers, security and HTTP
 * together. `main.ts` and the tests both build Doorway through here, so tests run the real thing.
 */
export async function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const log = overrides.log ?? pino({ level: config.logLevel });
  const extraDefinitions = config.providersFile ? await loadProvidersFile(config.providersFile) : undefined;
  const providers = createProviderRegistry({ extraDefinitions, extraSource: config.providersFile });
  const { key, generatedAt } = resolveEncryptionKey(config.encryptionKey, config.dataDir);
  if (generatedAt) log.warn({ file: generatedAt }, 'generated a new encryption key; back it up, stored secrets cannot be read without it');
  const secrets = createSecretBox(key);

  // On SQLite exactly one process may own the data directory (its worker and its database).
  const lock = config.database.kind === 'sqlite' ? acquireDataDirLock(path.dirname(path.resolve(config.database.filename))) : undefined;
  const database = openDatabase(config.database, {
    onIdleConnectionError: (error) => log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
  try {
    await migrateToLatest(database.db, database.dialect);
  } catch (error) {
    await database.close();
    lock?.release();
    throw error;
  }
  const clock = overrides.clock ?? systemClock;
  const urls = createPublicUrls(config.publicUrl);
  const guardedFetch = createGuardedFetch({
    allowPrivateDestinations: config.outbound.allowPrivateDestinations,
    userAgent: PLATFORM_USER_AGENT,
    timeoutMs: OUTBOUND_TIMEOUT_MS,
  });
  const wire = { publicUrl: config.publicUrl, urls, providers };
  const base: Omit<LinkDeps, 'tokenRefresher'> = {
    store: createStore(database.db, database.dialect, {
      groupCommit: database.dialect === 'sqlite' ? createGroupCommitter(database.db) : undefined,
      apiKeyLookups: config.apiKeyCacheSeconds > 0 ? createApiKeyLookupCache({ ttlMs: config.apiKeyCacheSeconds * 1000, now: () => clock.now().getTime() }) : undefined,
    }),
    clock,
    events: createEventPublisher({ wire, clock, onPublished: () => worker.wake() }),
    providers,
    secrets,
    accessTokens: createCompanyAccessTokens(secrets.deriveKey('company-access-token')),
    authorizeTickets: createAuthorizeTickets(secrets.deriveKey('embedded-authorize-ticket')),
    publicUrl: config.publicUrl,
    urls,
    // The built-in Sandbox is an OAuth server like any other; its one app's secret is derived
    // from the deployment key, so every process agrees on it without storing it.
    sandboxOAuthApp: { clientId: 'doorway-sandbox', clientSecret: secrets.deriveKey('sandbox-oauth-client').toString('base64url') },
    linkSessionsPerMinute: config.link.sessionsPerMinute,
    linkEventRetentionDays: config.link.eventRetentionDays,
    outboundFetch: createPlatformFetch({ guarded: guardedFetch.fetch, direct: globalThis.fetch, ownSandboxPrefix: `${urls.base}/sandbox/` }),
    operatorLog: log.child({ component: 'outbound' }),
  };
  const refreshLog = log.child({ component: 'token-refresh' });
  const deps: LinkDeps = {
    ...base,
    // One per process: its single-flight map is what makes concurrent reads share one refresh.
    tokenRefresher: createTokenRefresher(base, {
      failureDays: config.tokenRefresh.failureDays,
      onProblem: (message, fields) => refreshLog.warn(fields, message),
    }),
  };
  if (lock) {
    // We hold the data-directory lock, so leases in the database were taken by a process that
    // crashed: release them now rather than wait a lease period before resending.
    const released = await deps.store.webhookOutbox.releaseAllLeases();
    if (released > 0) log.warn({ released }, 'released webhook leases left by a previous process');
    // Likewise its requests' idempotency claims: they never committed, so their keys are free.
    const claims = await deps.store.idempotencyKeys.releaseAllClaims();
    if (claims > 0) log.warn({ claims }, 'released idempotency keys claimed by requests of a previous process');
    // And its token-refresh leases: whatever it was refreshing is refreshed again by whoever asks next.
    const refreshLeases = await deps.store.tokenRefresh.releaseAllLeases();
    if (refreshLeases > 0) log.warn({ refreshLeases }, 'released token-refresh leases left by a previous process');
  }
  const sender = createWebhookSender({ timeoutMs: config.webhooks.timeoutMs, allowPrivateDestinations: config.webhooks.allowPrivateDestinations });
  const worker = createDeliveryWorker({
    store: deps.store,
    secrets,
    clock,
    log: log.child({ component: 'webhooks' }),
    sender,
    concurrency: config.webhooks.concurrency,
    // A claimed message may wait one sender timeout for a slot, then take one to send: the
    // lease must outlast both, or another worker would send it a second time.
    leaseMs: Math.max(60_000, 3 * config.webhooks.timeoutMs),
    retentionDays: config.webhooks.retentionDays,
    ...(config.webhooks.retryScheduleSeconds ? { scheduleSeconds: config.webhooks.retryScheduleSeconds } : {}),
  });
  const tokenRefreshJob = createTokenRefreshJob({
    store: deps.store,
    clock,
    log: refreshLog,
    refresher: deps.tokenRefresher,
    concurrency: config.tokenRefresh.concurrency,
  });
  const pruner = createExpiredDataPruner({
    log: log.child({ component: 'pruner' }),
    intervalMs: config.link.pruneIntervalMs,
    sweeps: [
      { name: 'expired Link data', run: async () => ({ ...(await pruneLinkData(deps, { eventRetentionDays: config.link.eventRetentionDays })) }) },
      // Idempotency keys are kept at least 24 hours; older ones (and lapsed claims) go here.
      { name: 'idempotency keys', run: async () => ({ idempotencyKeys: await deps.store.idempotencyKeys.prune(toIso(clock.now())) }) },
      // The built-in Sandbox's grants, revoked or not, once their refresh token has expired.
      { name: 'Sandbox grants', run: async () => ({ sandboxGrants: await pruneSandboxGrants(deps) }) },
      // Portal sessions nobody signed out of, and invitations nobody accepted, once expired.
      { name: 'Portal sessions and invitations', run: () => pruneStaffData(deps) },
    ],
  });
  const defaultClient = await ensureDefaultClient(deps, config.apiKey);
  if (defaultClient.configuredApiKeyRevoked) {
    log.error(
      'DOORWAY_API_KEY names a key that was revoked (DELETE /apiKeys); it stays revoked and was not recreated. ' +
        "Set DOORWAY_API_KEY to a new key, or remove it and use the client's other keys.",
    );
  }
  const firstAdmin = await ensureFirstAdmin(deps, defaultClient.client.id, { email: config.portal.adminEmail, password: config.portal.adminPassword });
  const proxyUpstream = createUpstreamClient({
    // OUTBOUND_ALLOW_PRIVATE_DESTINATIONS: the one setting for every request to a platform.
    guard: createDestinationGuard({ allowPrivateDestinations: config.outbound.allowPrivateDestinations }),
    timeoutMs: config.proxy.timeoutMs,
  });
  const app = createApp({
    proxyUpstream,
    deps,
    wire,
    log,
    maxBodyBytes: config.maxBodyBytes,
    version: VERSION,
    sandboxSigningKey: secrets.deriveKey('sandbox-signing'),
    sandboxTokenTtls: config.sandbox,
    linkAssetsDir: overrides.linkAssetsDir ?? findLinkAssetsDir(),
    trustProxy: config.trustProxy,
    // Off unless a crash test asks for it: die after the commit, before the answer leaves.
    afterIdempotentCommit: config.faultInjection === 'kill-after-idempotent-commit' ? () => process.kill(process.pid, 'SIGKILL') : undefined,
  });
  return {
    config,
    deps,
    database,
    log,
    app,
    defaultClient,
    firstAdmin,
    worker,
    tokenRefreshJob,
    pruner,
    async close() {
      await pruner.stop();
      await tokenRefreshJob.stop();
      await worker.stop();
      sender.close();
      proxyUpstream.close();
      guardedFetch.close();
      await database.close();
      lock?.release();
    },
  };
}
