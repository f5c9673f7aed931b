/**
 * Crash test of webhook delivery: Doorway runs as real processes (the compiled server) that are
 * SIGKILLed again and again while 2,000 companies are created through the API and their
 * `company.created` webhooks are delivered to a receiver that verifies every signature with the
 * `svix` library. Whatever the kills hit, every company that exists must have been announced at
 * least once, and a message delivered more than once must carry the same `webhook-id` and
 * byte-identical body (at-least-once delivery from the transactional outbox). The outbox must end
 * with every message recorded as Success, and the kills must demonstrably have hit work in
 * flight (messages pending and leased at a kill, redeliveries afterwards), so that the test
 * cannot pass by killing idle processes.
 *
 * Leases: a message claimed by a process that is then killed stays reserved until its lease
 * expires (`leaseMs`, 60 s by default in src/webhooks/delivery-worker.ts, not settable from the
 * environment). Waiting that out would cost a minute per kill, so while every process that could
 * hold a lease is dead, the test moves the leases into the past, which is exactly what the
 * passing of time does to them (the claim query then sees `locked_until <= now`). That is needed
 * on PostgreSQL only, before the final restart when all processes are dead; on SQLite the
 * restarted process owns the data directory and releases leases itself at start-up.
 * Set CRASH_TEST_REAL_LEASES=1 to wait for real expiry on PostgreSQL.
 *
 * Every random choice (when to kill, which workers' solo windows come first and whom the extra
 * kills hit, how long the receiver takes to answer) comes from a seeded source; the seed is
 * printed first, and `CRASH_SEED=<seed> npm run test:crash` replays those choices (the
 * operating system's timing still varies). Run alone with `npm run test:crash`.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, baseEnv, distinctIds, listCompanyIds, produceCompanies, runChaos, subscribe, waitForOutboxDrained, type KillRecord, type Production } from '../support/crash-harness.js';
import { postgresProbe, sqliteProbe, type OutboxProbe } from '../support/crash-outbox-probe.js';
import { expectCorrect, judge, report, waitForAnnouncements, type CrashOutcome } from '../support/crash-verdict.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { buildDoorway, delay, DoorwayFleet, freePort, pollUntil } from '../support/doorway-processes.js';
import { seededRandomFromEnv, type SeededRandom } from '../support/seeded-random.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const COMPANIES = 2000;
const MIN_CHAOS_KILLS = 3;
const EXPECTED = { companies: COMPANIES, minChaosKills: MIN_CHAOS_KILLS };
/** The delivery worker's default lease (DeliveryWorkerOptions.leaseMs). */
const LEASE_MS = 60_000;
const REAL_LEASES = process.env.CRASH_TEST_REAL_LEASES === '1';
// Budgets for failing, never for passing: the test ends as soon as every event is delivered
// (about 90 s on a quiet 2-core VM). They leave room for a machine several times slower, as a
// shared CI host can be, so only a real loss or a hang fails the run.
const FINAL_DELIVERY_TIMEOUT_MS = REAL_LEASES ? LEASE_MS + 60_000 : 120_000;
const TEST_TIMEOUT_MS = REAL_LEASES ? 480_000 : 360_000;

/** Printed before anything runs; each test derives its own source from it, so they do not shift each other. */
const RANDOM = seededRandomFromEnv('CRASH_SEED');
const runNotes = () => `; CRASH_SEED=${RANDOM.seed}${REAL_LEASES ? ', real lease expiry' : ''}`;

/**
 * The shared receiver (verifies with `svix`, records each delivery as soon as its body arrived),
 * answering 200 after 20–60 ms. That keeps deliveries in flight at any moment, so a kill often
 * lands after the receiver has a message but before the sender has recorded the attempt:
 * exactly the case that makes at-least-once delivery deliver twice.
 */
const startReceiver = (random: SeededRandom) => startWebhookReceiver({ respondAfterMs: () => random.between(20, 60) });

/** After the last kill: every company that exists, announced, and the outbox drained, judged. */
async function finish(api: ReturnType<typeof apiClient>, receiver: WebhookReceiver, webhookId: string, production: Production, kills: KillRecord[]): Promise<CrashOutcome> {
  const existing = await listCompanyIds(api);
  await waitForAnnouncements(receiver, existing, FINAL_DELIVERY_TIMEOUT_MS);
  const outbox = await waitForOutboxDrained(api, webhookId, existing.size, FINAL_DELIVERY_TIMEOUT_MS);
  return { production, existing, verdict: judge(receiver.received, existing), outbox, kills };
}

beforeAll(() => {
  buildDoorway();
}, 120_000);

describe.sequential('webhook delivery survives SIGKILL: sqlite, one serve process with the inline worker', () => {
  let fleet: DoorwayFleet | undefined;
  let receiver: WebhookReceiver | undefined;
  let database: TestDatabase | undefined;
  const production: Production = { confirmed: new Set(), retries: 0, stop: false };

  afterAll(async () => {
    production.stop = true;
    await fleet?.dispose();
    await receiver?.close();
    await database?.drop();
  });

  it(
    `delivers a company.created for each of ${COMPANIES} companies at least once, duplicates identical`,
    async () => {
      const startedAt = Date.now();
      const random = RANDOM.derive('sqlite');
      database = await createTestDatabase('sqlite');
      const filename = database.config.kind === 'sqlite' ? database.config.filename : '';
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      fleet = new DoorwayFleet({ ...baseEnv(port, database.dataDir, `sqlite:${filename}`), WEBHOOK_WORKER: 'inline' });
      const probe = sqliteProbe(filename);
      receiver = await startReceiver(random.derive('receiver'));
      const api = apiClient(baseUrl);
      const kills: KillRecord[] = [];

      fleet.start('serve', 'serve');
      await fleet.waitForHealthy('serve', baseUrl);
      const webhookId = await subscribe(api, receiver);

      const killAndRestart = async (phase: KillRecord['phase']) => {
        const at = { confirmed: production.confirmed.size, receivedDistinct: distinctIds(receiver!) };
        await fleet!.kill('serve');
        const counts = await probe.counts();
        kills.push({ phase, atMs: Date.now() - startedAt, targets: ['serve'], ...at, ...counts });
        expect(fs.existsSync(`${database!.dataDir}/doorway.lock`), 'the killed process leaves its lock file behind').toBe(true);
        // No help with leases here: the restarted process holds the data-directory lock, so it
        // releases the dead process's leases itself at start-up (create-runtime.ts).
        fleet!.start('serve', 'serve'); // takes over the stale lock
        await fleet!.waitForHealthy('serve', baseUrl);
      };

      const producing = produceCompanies(api, production, COMPANIES, 300);
      await runChaos(random, producing, production, MIN_CHAOS_KILLS, () => killAndRestart('chaos'));
      await producing;
      await killAndRestart('final');

      const outcome = await finish(api, receiver, webhookId, production, kills);
      report('sqlite', startedAt, outcome, runNotes());
      expectCorrect(outcome, receiver, fleet, EXPECTED);
    },
    TEST_TIMEOUT_MS,
  );
});

describe.sequential('webhook delivery survives SIGKILL: postgres, one API process and two worker processes', () => {
  let fleet: DoorwayFleet | undefined;
  let receiver: WebhookReceiver | undefined;
  let database: TestDatabase | undefined;
  let probe: OutboxProbe | undefined;
  const production: Production = { confirmed: new Set(), retries: 0, stop: false };

  afterAll(async () => {
    production.stop = true;
    await fleet?.dispose();
    await receiver?.close();
    await probe?.close();
    await database?.drop();
  });

  it(
    `delivers a company.created for each of ${COMPANIES} companies at least once, duplicates identical`,
    async () => {
      const startedAt = Date.now();
      const random = RANDOM.derive('postgres');
      database = await createTestDatabase('postgres');
      const connectionString = database.config.kind === 'postgres' ? database.config.connectionString : '';
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      fleet = new DoorwayFleet({ ...baseEnv(port, database.dataDir, connectionString), DATABASE_POOL_SIZE: '5', WEBHOOK_WORKER: 'off' });
      probe = postgresProbe(connectionString);
      receiver = await startReceiver(random.derive('receiver'));
      const api = apiClient(baseUrl);
      const kills: KillRecord[] = [];
      const workers = ['worker-1', 'worker-2'];
      // Workers serve no HTTP: their one info line says they are up.
      const startWorker = async (name: string) => {
        fleet!.start(name, 'worker', { LOG_LEVEL: 'info' });
        await fleet!.waitForOutput(name, 'Doorway webhook worker started');
      };
      const startServe = async () => {
        fleet!.start('serve', 'serve');
        await fleet!.waitForHealthy('serve', baseUrl);
      };

      // All three start together on the empty database: migrations and the default client race.
      await Promise.all([startServe(), ...workers.map(startWorker)]);
      const webhookId = await subscribe(api, receiver);

      // Deliveries made while a worker was dead were made by the other one.
      const soloDeliveries: Record<string, number> = { 'worker-1': 0, 'worker-2': 0 };
      // Solo windows first (in a random order), while production certainly still runs; then the
      // API process, then both workers; any further kills while production lasts: a random one of these.
      const plan = [...random.shuffled([['worker-1'], ['worker-2']]), ['serve'], ['worker-1', 'worker-2']];
      const targetsOf = (index: number) => (index < plan.length ? plan[index]! : random.pick(plan));
      const killAndRestart = async (phase: KillRecord['phase'], targets: string[]) => {
        const at = { confirmed: production.confirmed.size, receivedDistinct: distinctIds(receiver!) };
        await Promise.all(targets.map((name) => fleet!.kill(name)));
        const counts = await probe!.counts();
        kills.push({ phase, atMs: Date.now() - startedAt, targets, ...at, ...counts });
        const survivors = workers.filter((name) => !targets.includes(name));
        if (phase === 'chaos' && survivors.length === 1) {
          await delay(150); // requests already on the wire from the killed worker land first
          const before = distinctIds(receiver!);
          // Production is still running, so new work keeps arriving: wait for the survivor to
          // deliver some of it (however slow the machine), not for a fixed window.
          const after = await pollUntil(`${survivors[0]} delivering alone`, 30_000, async () => distinctIds(receiver!), (n) => n > before);
          soloDeliveries[survivors[0]!]! += after - before;
        }
        if (phase === 'final' && !REAL_LEASES) await probe!.expireLeases();
        await Promise.all(targets.map((name) => (name === 'serve' ? startServe() : startWorker(name))));
      };

      const producing = produceCompanies(api, production, COMPANIES, 160);
      await runChaos(random, producing, production, plan.length, (index) => killAndRestart('chaos', targetsOf(index)));
      await producing;
      await killAndRestart('final', ['serve', ...workers]);

      const outcome = await finish(api, receiver, webhookId, production, kills);
      report('postgres', startedAt, outcome, `${runNotes()}; delivered alone: ${JSON.stringify(soloDeliveries)}`);
      expectCorrect(outcome, receiver, fleet, EXPECTED);
      expect(kills.some((k) => k.phase === 'chaos' && k.targets.includes('serve'))).toBe(true);
      for (const name of workers) {
        expect(kills.some((k) => k.phase === 'chaos' && k.targets.includes(name))).toBe(true);
        expect(soloDeliveries[name], `${name} delivered while the other worker was dead`).toBeGreaterThan(0);
      }
    },
    TEST_TIMEOUT_MS,
  );
});

