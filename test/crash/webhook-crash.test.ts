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
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { buildDoorway, delay, DoorwayFleet, freePort } from '../support/doorway-processes.js';

const API_KEY = 'crash-test-api-key-0123456789abcdef';
const ENCRYPTION_KEY = Buffer.alloc(32, 11).toString('base64');
const COMPANIES = 2000;
const PRODUCER_CONCURRENCY = 20;
const MIN_CHAOS_KILLS = 3;
/** The delivery worker's default lease (DeliveryWorkerOptions.leaseMs). */
const LEASE_MS = 60_000;
const REAL_LEASES = process.env.CRASH_TEST_REAL_LEASES === '1';
const FINAL_DELIVERY_TIMEOUT_MS = REAL_LEASES ? LEASE_MS + 30_000 : 60_000;
const TEST_TIMEOUT_MS = REAL_LEASES ? 300_000 : 150_000;
const PENDING = `status IN ('Sending', 'Attempting')`;

// ---------------------------------------------------------------------------------------------
// The receiver: a client's endpoint that takes a little time to answer, as real ones do.

/**
 * The shared receiver (verifies with `svix`, records each delivery as soon as its body arrived),
 * answering 200 after 20–60 ms. That keeps deliveries in flight at any moment, so a kill often
 * lands after the receiver has a message but before the sender has recorded the attempt:
 * exactly the case that makes at-least-once delivery deliver twice.
 */
const startReceiver = () => startWebhookReceiver({ respondAfterMs: () => 20 + Math.random() * 40 });

// ---------------------------------------------------------------------------------------------
// The API, as a client would call it.

interface ApiResult {
  status: number;
  json: Record<string, any>;
}
type Api = (method: string, path: string, body?: unknown) => Promise<ApiResult>;

function apiClient(baseUrl: string): Api {
  const authorization = `Basic ${Buffer.from(API_KEY).toString('base64')}`;
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
  };
}

/** Subscribes the receiver to company.created; returns the webhook consumer's id. */
async function subscribe(api: Api, receiver: WebhookReceiver): Promise<string> {
  const consumer = await api('POST', '/webhooks', { url: receiver.url, eventTypes: ['company.created'] });
  expect(consumer.status).toBe(201);
  const secret = await api('GET', `/webhooks/${consumer.json.id}/secret`);
  expect(secret.status).toBe(200);
  receiver.secrets.push(secret.json.key as string);
  return consumer.json.id as string;
}

interface OutboxOutcome {
  messages: number;
  succeeded: number;
}

/**
 * The outbox's own record, through the API: waits until `expected` messages are recorded as
 * Success (an attempt interrupted by a kill is sent again and recorded once it completes).
 */
async function waitForOutboxDrained(api: Api, webhookId: string, expected: number): Promise<OutboxOutcome> {
  const deadline = Date.now() + FINAL_DELIVERY_TIMEOUT_MS;
  for (;;) {
    const total = await api('GET', `/webhooks/${webhookId}/messages?pageSize=1`);
    const success = await api('GET', `/webhooks/${webhookId}/messages?status=Success&pageSize=1`);
    expect(total.status).toBe(200);
    expect(success.status).toBe(200);
    const outcome = { messages: total.json.totalResults as number, succeeded: success.json.totalResults as number };
    if (outcome.succeeded >= expected || Date.now() > deadline) return outcome;
    await delay(200);
  }
}

/** Every company that exists, through the API's paging. */
async function listCompanyIds(api: Api): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const result = await api('GET', `/companies?page=${page}&pageSize=5000`);
    expect(result.status).toBe(200);
    for (const company of result.json.results as Array<{ id: string }>) ids.add(company.id);
    if (page * 5000 >= (result.json.totalResults as number)) return ids;
  }
}

// ---------------------------------------------------------------------------------------------
// The producer: creates companies, retrying whenever the server is down.

interface Production {
  /** Ids the API returned: these companies certainly exist. */
  confirmed: Set<string>;
  /** POSTs that got no response (killed mid-request, or refused while restarting). */
  retries: number;
  stop: boolean;
}

/**
 * Creates `count` companies with `concurrency` requests in flight, paced to at most `perSecond`
 * so that production spans several kills. A POST that got no response may or may not have
 * committed; it is simply sent again (the company may then exist twice, which is fine: the test
 * checks every company that exists, whichever request created it).
 */
async function produceCompanies(api: Api, production: Production, count: number, perSecond: number): Promise<void> {
  let next = 0;
  const start = Date.now();
  const lane = async () => {
    while (next < count && !production.stop) {
      const index = next++;
      const notBefore = start + (index * 1000) / perSecond;
      if (Date.now() < notBefore) await delay(notBefore - Date.now());
      production.confirmed.add(await createCompany(api, production, `Crash company ${index}`));
    }
  };
  try {
    await Promise.all(Array.from({ length: PRODUCER_CONCURRENCY }, lane));
  } catch (error) {
    production.stop = true;
    throw error;
  }
}

async function createCompany(api: Api, production: Production, name: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (production.stop) throw new Error('production stopped');
    let result: ApiResult;
    try {
      result = await api('POST', '/companies', { name });
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`POST /companies got no response for 30 s: ${String(error)}`);
      production.retries += 1;
      await delay(50);
      continue;
    }
    if (result.status !== 200) throw new Error(`POST /companies answered ${result.status}: ${JSON.stringify(result.json)}`);
    return result.json.id as string;
  }
}

// ---------------------------------------------------------------------------------------------
// The outbox, read (and its leases expired) directly in the database.

interface OutboxCounts {
  /** Messages not yet delivered successfully (Sending or Attempting). */
  pending: number;
  /** Of those, messages under a live lease: claimed by a worker, attempt not yet recorded. */
  leased: number;
}

interface OutboxProbe {
  counts(): Promise<OutboxCounts>;
  /** Moves every live lease into the past (only while no process that could hold one runs). */
  expireLeases(): Promise<number>;
  close(): Promise<void>;
}

const nowIso = () => new Date().toISOString();
const expiredIso = () => new Date(Date.now() - 1000).toISOString();

function sqliteProbe(filename: string): OutboxProbe {
  // Opened per use, only while the Doorway process is dead, and closed before it restarts.
  const withDb = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(filename);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    counts: async () =>
      withDb((db) => {
        const row = db
          .prepare(`SELECT COUNT(*) AS pending, COUNT(CASE WHEN locked_until > ? THEN 1 END) AS leased FROM webhook_messages WHERE ${PENDING}`)
          .get(nowIso()) as { pending: number; leased: number };
        return { pending: Number(row.pending), leased: Number(row.leased) };
      }),
    expireLeases: async () =>
      withDb((db) => db.prepare(`UPDATE webhook_messages SET locked_until = ? WHERE ${PENDING} AND locked_until > ?`).run(expiredIso(), nowIso()).changes),
    close: async () => {},
  };
}

function postgresProbe(connectionString: string): OutboxProbe {
  const pool = new pg.Pool({ connectionString, max: 1 });
  return {
    async counts() {
      const { rows } = await pool.query(
        `SELECT COUNT(*) AS pending, COUNT(CASE WHEN locked_until > $1 THEN 1 END) AS leased FROM webhook_messages WHERE ${PENDING}`,
        [nowIso()],
      );
      return { pending: Number(rows[0].pending), leased: Number(rows[0].leased) };
    },
    async expireLeases() {
      const result = await pool.query(`UPDATE webhook_messages SET locked_until = $1 WHERE ${PENDING} AND locked_until > $2`, [expiredIso(), nowIso()]);
      return result.rowCount ?? 0;
    },
    close: () => pool.end(),
  };
}

// ---------------------------------------------------------------------------------------------
// Chaos and the verdict.

interface KillRecord {
  phase: 'chaos' | 'final';
  atMs: number;
  targets: string[];
  /** Companies the API had confirmed, and distinct messages the receiver had, at the kill. */
  confirmed: number;
  receivedDistinct: number;
  /** The outbox right after the kill. */
  pending: number;
  leased: number;
}

const distinctIds = (receiver: WebhookReceiver) => new Set(receiver.received.map((r) => r.id)).size;

/**
 * Runs `step` every 1–2 s (random) while the producer is still producing, and at least
 * `minSteps` times in all; stops early if the producer failed.
 */
async function runChaos(producing: Promise<void>, production: Production, minSteps: number, step: (index: number) => Promise<void>): Promise<void> {
  let done = false;
  const finished = producing.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let index = 0; ; index++) {
    if (index >= minSteps) await Promise.race([delay(1000 + Math.random() * 1000), finished]);
    else await delay(1000 + Math.random() * 1000);
    if (production.stop || (done && index >= minSteps)) return;
    await step(index);
  }
}

interface Verdict {
  deliveries: number;
  distinctMessages: number;
  /** Messages received more than once, and the extra deliveries they account for. */
  duplicatedMessages: number;
  extraDeliveries: number;
  /** webhook-ids whose bodies differed between deliveries. */
  conflictingBodies: string[];
  /** Existing companies with no company.created received. */
  missing: string[];
  /** Companies announced but not existing (an event for a rolled-back create). */
  phantom: string[];
  /** Companies announced under more than one webhook-id (the event was published twice). */
  announcedTwice: string[];
  otherEventTypes: number;
}

function judge(received: ReceivedWebhook[], existing: Set<string>): Verdict {
  const bodyById = new Map<string, string>();
  const countById = new Map<string, number>();
  const conflictingBodies = new Set<string>();
  const webhookIdsByCompany = new Map<string, Set<string>>();
  let otherEventTypes = 0;
  for (const delivery of received) {
    const first = bodyById.get(delivery.id);
    if (first === undefined) bodyById.set(delivery.id, delivery.body);
    else if (first !== delivery.body) conflictingBodies.add(delivery.id);
    countById.set(delivery.id, (countById.get(delivery.id) ?? 0) + 1);
    if (delivery.event.eventType !== 'company.created') {
      otherEventTypes += 1;
      continue;
    }
    const companyId = delivery.event.payload.id as string;
    const ids = webhookIdsByCompany.get(companyId) ?? new Set<string>();
    ids.add(delivery.id);
    webhookIdsByCompany.set(companyId, ids);
  }
  const counts = [...countById.values()];
  return {
    deliveries: received.length,
    distinctMessages: countById.size,
    duplicatedMessages: counts.filter((n) => n > 1).length,
    extraDeliveries: received.length - countById.size,
    conflictingBodies: [...conflictingBodies],
    missing: [...existing].filter((id) => !webhookIdsByCompany.has(id)),
    phantom: [...webhookIdsByCompany.keys()].filter((id) => !existing.has(id)),
    announcedTwice: [...webhookIdsByCompany].filter(([, ids]) => ids.size > 1).map(([id]) => id),
    otherEventTypes,
  };
}

/** Waits until every company in `existing` has been announced at least once. */
async function waitForAnnouncements(receiver: WebhookReceiver, existing: Set<string>): Promise<void> {
  try {
    await receiver.waitFor((received) => {
      const announced = new Set(received.map((r) => r.event.payload.id as string));
      for (const id of existing) if (!announced.has(id)) return false;
      return true;
    }, FINAL_DELIVERY_TIMEOUT_MS);
  } catch {
    // Fall through: the assertions below name what is missing.
  }
}

function report(label: string, startedAt: number, production: Production, existing: Set<string>, verdict: Verdict, outbox: OutboxOutcome, kills: KillRecord[], extra = ''): void {
  const killText = kills
    .map((k) => `${k.phase}@${(k.atMs / 1000).toFixed(1)}s ${k.targets.join('+')} (confirmed ${k.confirmed}, received ${k.receivedDistinct}, pending ${k.pending}, leased ${k.leased})`)
    .join('; ');
  console.log(
    `[webhook crash ${label}] companies ${existing.size} (confirmed by the API ${production.confirmed.size}, POST retries ${production.retries}); ` +
      `deliveries received ${verdict.deliveries}, distinct webhook-ids ${verdict.distinctMessages}, ` +
      `duplicated webhook-ids ${verdict.duplicatedMessages} (${verdict.extraDeliveries} extra deliveries), missing ${verdict.missing.length}, ` +
      `outbox messages ${outbox.messages} (Success ${outbox.succeeded}), SIGKILLs ${kills.reduce((n, k) => n + k.targets.length, 0)}${REAL_LEASES ? ', real lease expiry' : ''}; ${((Date.now() - startedAt) / 1000).toFixed(1)} s${extra}\n  kills: ${killText}`,
  );
}

function expectCorrect(
  verdict: Verdict,
  outbox: OutboxOutcome,
  existing: Set<string>,
  production: Production,
  receiver: WebhookReceiver,
  fleet: DoorwayFleet,
  kills: KillRecord[],
): void {
  expect(fleet.unexpectedExits).toEqual([]);
  expect(receiver.rejected, 'deliveries failing svix verification').toBe(0);
  expect(production.confirmed.size).toBe(COMPANIES);
  expect([...production.confirmed].filter((id) => !existing.has(id)), 'confirmed companies that do not exist').toEqual([]);
  expect(verdict.missing, 'companies whose company.created never arrived').toEqual([]);
  expect(verdict.phantom, 'company.created for companies that do not exist').toEqual([]);
  expect(verdict.conflictingBodies, 'webhook-ids delivered with different bodies').toEqual([]);
  expect(verdict.announcedTwice, 'companies announced under several webhook-ids').toEqual([]);
  expect(verdict.otherEventTypes).toBe(0);
  // One message per company, and the outbox itself ends with every one recorded as delivered.
  expect(outbox).toEqual({ messages: existing.size, succeeded: existing.size });
  const chaosKills = kills.filter((k) => k.phase === 'chaos');
  expect(chaosKills.length).toBeGreaterThanOrEqual(MIN_CHAOS_KILLS);
  // The kills really hit undelivered work (messages pending in the outbox right after the kill),
  // so the test cannot pass by killing an idle process.
  expect(chaosKills.some((k) => k.pending > 0), 'a kill while messages were pending').toBe(true);
  expect(chaosKills.some((k) => k.leased > 0), 'a kill while deliveries were in flight').toBe(true);
  // And some delivery reached the receiver but was not recorded before a kill: redelivered.
  expect(verdict.extraDeliveries, 'redeliveries after kills').toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------

function baseEnv(port: number, dataDir: string, databaseUrl: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DOORWAY_API_KEY: API_KEY,
    DOORWAY_ENCRYPTION_KEY: ENCRYPTION_KEY,
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1,1,1,1,1,1,1,1',
  };
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
      database = await createTestDatabase('sqlite');
      const filename = database.config.kind === 'sqlite' ? database.config.filename : '';
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      fleet = new DoorwayFleet({ ...baseEnv(port, database.dataDir, `sqlite:${filename}`), WEBHOOK_WORKER: 'inline' });
      const probe = sqliteProbe(filename);
      receiver = await startReceiver();
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
      await runChaos(producing, production, MIN_CHAOS_KILLS, () => killAndRestart('chaos'));
      await producing;
      await killAndRestart('final');

      const existing = await listCompanyIds(api);
      await waitForAnnouncements(receiver, existing);
      const outbox = await waitForOutboxDrained(api, webhookId, existing.size);
      const verdict = judge(receiver.received, existing);
      report('sqlite', startedAt, production, existing, verdict, outbox, kills);
      expectCorrect(verdict, outbox, existing, production, receiver, fleet, kills);
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
      database = await createTestDatabase('postgres');
      const connectionString = database.config.kind === 'postgres' ? database.config.connectionString : '';
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      fleet = new DoorwayFleet({ ...baseEnv(port, database.dataDir, connectionString), DATABASE_POOL_SIZE: '5', WEBHOOK_WORKER: 'off' });
      probe = postgresProbe(connectionString);
      receiver = await startReceiver();
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
      // Solo windows first, while production certainly still runs; then the API process, then both workers.
      const plan = [['worker-1'], ['worker-2'], ['serve'], ['worker-1', 'worker-2']];
      const killAndRestart = async (phase: KillRecord['phase'], targets: string[]) => {
        const at = { confirmed: production.confirmed.size, receivedDistinct: distinctIds(receiver!) };
        await Promise.all(targets.map((name) => fleet!.kill(name)));
        const counts = await probe!.counts();
        kills.push({ phase, atMs: Date.now() - startedAt, targets, ...at, ...counts });
        const survivors = workers.filter((name) => !targets.includes(name));
        if (phase === 'chaos' && survivors.length === 1) {
          await delay(150); // requests already on the wire from the killed worker land first
          const before = distinctIds(receiver!);
          await delay(1000);
          soloDeliveries[survivors[0]!]! += distinctIds(receiver!) - before;
        }
        if (phase === 'final' && !REAL_LEASES) await probe!.expireLeases();
        await Promise.all(targets.map((name) => (name === 'serve' ? startServe() : startWorker(name))));
      };

      const producing = produceCompanies(api, production, COMPANIES, 160);
      await runChaos(producing, production, plan.length, (index) => killAndRestart('chaos', plan[index % plan.length]!));
      await producing;
      await killAndRestart('final', ['serve', ...workers]);

      const existing = await listCompanyIds(api);
      await waitForAnnouncements(receiver, existing);
      const outbox = await waitForOutboxDrained(api, webhookId, existing.size);
      const verdict = judge(receiver.received, existing);
      report('postgres', startedAt, production, existing, verdict, outbox, kills, `; delivered alone: ${JSON.stringify(soloDeliveries)}`);
      expectCorrect(verdict, outbox, existing, production, receiver, fleet, kills);
      expect(kills.some((k) => k.phase === 'chaos' && k.targets.includes('serve'))).toBe(true);
      for (const name of workers) {
        expect(kills.some((k) => k.phase === 'chaos' && k.targets.includes(name))).toBe(true);
        expect(soloDeliveries[name], `${name} delivered while the other worker was dead`).toBeGreaterThan(0);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
