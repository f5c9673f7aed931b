import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/load-config.js';
import { toIso } from '../src/domain/clock.js';
import { withCpuProfile } from './cpu-profile.js';
import { answerParent } from './child-process.js';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { prepareSameWorkRefreshes } from './refresh-reference.js';
import { seedDueSandboxConnections, type SeededRefreshes } from './refresh-seed.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/**
 * Child-process entry of the token-refresh benchmark: Doorway (its Sandbox authorization server
 * and its refresh job in one process, as `npm start` runs them) on a fresh database seeded with
 * connections that are all due. The parent only asks and waits, so `process.cpuUsage()` here is
 * the refreshing alone: the job's side and the Sandbox's side of every refresh.
 */

export type RefreshServerRequest = { id: number } & (
  | { op: 'start'; dialect: BenchDialect; settings: BenchSettings; connections: number; concurrency: number | undefined }
  | { op: 'drain' }
  | { op: 'reference' }
  | { op: 'close' }
);

export interface RefreshServerReady {
  connections: number;
  concurrency: number;
  seedMs: number;
}

export interface RefreshRun {
  milliseconds: number;
  cpuMicros: number;
}

/** How often the drain asks the database whether every connection is fresh. */
const POLL_MS = 20;

let doorway: BenchDoorway | undefined;
let seeded: SeededRefreshes | undefined;
let profileDir: string | undefined;
let dialect: BenchDialect = 'sqlite';
let closing: Promise<void> | undefined;

const close = () => (closing ??= (async () => void (await doorway?.close()))());
const cpuNow = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

async function start(request: Extract<RefreshServerRequest, { op: 'start' }>): Promise<RefreshServerReady> {
  dialect = request.dialect;
  profileDir = request.settings.cpuProfileDir;
  // Production's TOKEN_REFRESH_CONCURRENCY unless the bench asks for another.
  const concurrency = request.concurrency ?? loadConfig({}).tokenRefresh.concurrency;
  doorway = await startBenchDoorway(request.dialect, request.settings, { adjust: (config) => ({ ...config, tokenRefresh: { ...config.tokenRefresh, concurrency } }) });
  // The token endpoint is Doorway's own Sandbox at PUBLIC_URL: it must answer while seeding is over.
  doorway.open();
  seeded = await seedDueSandboxConnections(doorway.runtime, doorway.clientId, request.connections);
  return { connections: seeded.connections.length, concurrency, seedMs: seeded.milliseconds };
}

/**
 * Starts the refresh job and waits until no refresh row is due at the start any more (each was
 * refreshed, its new due time in the future, its lease ended with the commit of the new tokens),
 * then proves it: every row refreshed after the start, every grant rotated exactly once, every
 * connection still Linked.
 */
async function drain(): Promise<RefreshRun> {
  const { runtime } = doorway!;
  const db = runtime.database.db;
  const count = seeded!.connections.length;
  const startedAt = toIso(new Date());
  const cpuBefore = cpuNow();
  const started = performance.now();
  const profile = profileDir && path.join(profileDir, `${dialect}-token-refresh-drain.cpuprofile`);
  await withCpuProfile(profile, async () => {
    runtime.tokenRefreshJob.start();
    const deadline = Date.now() + 300_000;
    for (;;) {
      const due = await db.selectFrom('connection_token_refresh').select('connection_id').where('due_at', '<=', startedAt).limit(1).executeTakeFirst();
      if (!due) break;
      if (Date.now() > deadline) throw new Error('refresh benchmark: the connections were not all refreshed within 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });
  const milliseconds = performance.now() - started;
  const cpuMicros = cpuNow() - cpuBefore;
  await runtime.tokenRefreshJob.stop();

  const { n: refreshed } = await db
    .selectFrom('connection_token_refresh')
    .select(sql<number>`count(*)`.as('n'))
    .where('last_refreshed_at', '>=', startedAt)
    .where('lease_until', 'is', null)
    .executeTakeFirstOrThrow();
  const { n: rotations } = await db.selectFrom('sandbox_grants').select(sql<number>`coalesce(sum(refresh_generation), 0)`.as('n')).executeTakeFirstOrThrow();
  const { n: linked } = await db.selectFrom('connections').select(sql<number>`count(*)`.as('n')).where('status', '=', 'Linked').executeTakeFirstOrThrow();
  if (Number(refreshed) !== count || Number(rotations) !== count || Number(linked) !== count) {
    throw new Error(`refresh benchmark: expected ${count} refreshes; ${refreshed} rows refreshed, ${rotations} grant rotations, ${linked} connections Linked`);
  }
  return { milliseconds, cpuMicros };
}

async function reference(): Promise<RefreshRun> {
  const { runtime } = doorway!;
  const loop = prepareSameWorkRefreshes(runtime, seeded!);
  try {
    const cpuBefore = cpuNow();
    const started = performance.now();
    const profile = profileDir && path.join(profileDir, `${dialect}-token-refresh-same-work.cpuprofile`);
    await withCpuProfile(profile, () => loop.run(runtime.config.tokenRefresh.concurrency));
    return { milliseconds: performance.now() - started, cpuMicros: cpuNow() - cpuBefore };
  } finally {
    await loop.close();
  }
}

async function handle(request: RefreshServerRequest): Promise<unknown> {
  switch (request.op) {
    case 'start':
      return start(request);
    case 'drain':
      return drain();
    case 'reference':
      return reference();
    case 'close':
      await close();
      return null;
  }
}

answerParent('refresh-server-process.js', handle, close);
