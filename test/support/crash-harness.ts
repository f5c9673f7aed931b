/**
 * The crash tests' harness (test/crash): Doorway's API as a client calls it, a producer that
 * keeps creating companies through kills and restarts, the chaos loop that kills on a seeded
 * random schedule, and the environment every Doorway process of a crash test gets. Processes
 * themselves are started and killed by `DoorwayFleet` (doorway-processes.ts); the outbox is read
 * by crash-outbox-probe.ts and judged by crash-verdict.ts.
 */
import { expect } from 'vitest';
import { delay } from './doorway-processes.js';
import type { SeededRandom } from './seeded-random.js';
import type { WebhookReceiver } from './webhook-receiver.js';

export const CRASH_API_KEY = 'crash-test-api-key-0123456789abcdef';
export const CRASH_ENCRYPTION_KEY = Buffer.alloc(32, 11).toString('base64');
/** Requests the producer keeps in flight. */
const PRODUCER_CONCURRENCY = 20;

/** The whole environment of a crash test's Doorway process (the fleet adds PATH only). */
export function baseEnv(port: number, dataDir: string, databaseUrl: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DOORWAY_API_KEY: CRASH_API_KEY,
    DOORWAY_ENCRYPTION_KEY: CRASH_ENCRYPTION_KEY,
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1,1,1,1,1,1,1,1',
  };
}

// ---------------------------------------------------------------------------------------------
// The API, as a client would call it.

export interface ApiResult {
  status: number;
  json: Record<string, any>;
}
export type Api = (method: string, path: string, body?: unknown) => Promise<ApiResult>;

export function apiClient(baseUrl: string): Api {
  const authorization = `Basic ${Buffer.from(CRASH_API_KEY).toString('base64')}`;
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
export async function subscribe(api: Api, receiver: WebhookReceiver): Promise<string> {
  const consumer = await api('POST', '/webhooks', { url: receiver.url, eventTypes: ['company.created'] });
  expect(consumer.status).toBe(201);
  const secret = await api('GET', `/webhooks/${consumer.json.id}/secret`);
  expect(secret.status).toBe(200);
  receiver.secrets.push(secret.json.key as string);
  return consumer.json.id as string;
}

export interface OutboxOutcome {
  messages: number;
  succeeded: number;
}

/**
 * The outbox's own record, through the API: waits until `expected` messages are recorded as
 * Success (an attempt interrupted by a kill is sent again and recorded once it completes).
 */
export async function waitForOutboxDrained(api: Api, webhookId: string, expected: number, timeoutMs: number): Promise<OutboxOutcome> {
  const deadline = Date.now() + timeoutMs;
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
export async function listCompanyIds(api: Api): Promise<Set<string>> {
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

export interface Production {
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
export async function produceCompanies(api: Api, production: Production, count: number, perSecond: number): Promise<void> {
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

export async function createCompany(api: Api, production: Production, name: string): Promise<string> {
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
// Chaos.

export interface KillRecord {
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

export const distinctIds = (receiver: WebhookReceiver) => new Set(receiver.received.map((r) => r.id)).size;

/**
 * Runs `step` every 1–2 s (drawn from `random`) while the producer is still producing, and at
 * least `minSteps` times in all; stops early if the producer failed.
 */
export async function runChaos(
  random: SeededRandom,
  producing: Promise<void>,
  production: Production,
  minSteps: number,
  step: (index: number) => Promise<void>,
): Promise<void> {
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
    if (index >= minSteps) await Promise.race([delay(random.between(1000, 2000)), finished]);
    else await delay(random.between(1000, 2000));
    if (production.stop || (done && index >= minSteps)) return;
    await step(index);
  }
}

