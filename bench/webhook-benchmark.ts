import path from 'node:path';
import { sql } from 'kysely';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toIso } from '../src/domain/clock.js';
import type { Company } from '../src/domain/company.js';
import { newId } from '../src/domain/ids.js';
import { createWebhookSender } from '../src/webhooks/webhook-sender.js';
import { signatureHeaders } from '../src/webhooks/signer.js';
import { withCpuProfile } from './cpu-profile.js';
import { startBenchDoorway } from './doorway.js';
import { summarise, type LatencySummary } from './flow-driver.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/** Targets from the product issue, on this 2-core machine. */
export const WEBHOOK_TARGETS = { minDeliveriesPerSec: 2000, maxP50Ms: 50, minShareOfBare: 0.5 } as const;

export interface WebhookBenchmarkResult {
  dialect: BenchDialect;
  messages: number;
  deliveriesPerSec: number;
  barePostsPerSec: number;
  latency: LatencySummary;
  latencyRate: number;
}

interface Receiver {
  url: string;
  count: number;
  latenciesMs: number[];
  close(): Promise<void>;
}

/** A receiver that answers 200 at once and, for webhook bodies, notes enqueue→delivered latency. */
async function startReceiver(): Promise<Receiver> {
  let server: Server;
  const receiver: Receiver = {
    url: '',
    count: 0,
    latenciesMs: [],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.count += 1;
      const generated = /"generatedDate":"([^"]+)"/.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
      if (generated) receiver.latenciesMs.push(Date.now() - Date.parse(generated));
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

const waitUntil = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('webhook benchmark: deliveries did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/**
 * Deliveries per second through the real outbox and worker (backlog drained as fast as it can),
 * next to a bare loop of signed POSTs with the same HTTP client and concurrency in the same run,
 * then enqueue→delivered latency at a steady rate of new events.
 */
export async function runWebhookBenchmark(dialect: BenchDialect, settings: BenchSettings): Promise<WebhookBenchmarkResult> {
  const messages = Number(process.env.BENCH_WEBHOOK_MESSAGES ?? 10_000);
  const concurrency = 64;
  const receiver = await startReceiver();
  const doorway = await startBenchDoorway(dialect, settings);
  try {
    const { runtime, clientId } = doorway;
    const deps = runtime.deps;
    doorway.open();
    const consumer = await fetch(`${doorway.url}/webhooks`, {
      method: 'POST',
      headers: { Authorization: doorway.authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['company.created'] }),
    });
    if (consumer.status !== 201) throw new Error(`webhook benchmark: creating the consumer answered ${consumer.status}`);

    const company = (n: number): Company => {
      const now = toIso(deps.clock.now());
      return { id: newId(), clientId, name: `Webhook Co ${n}`, description: null, tags: {}, created: now, modified: now, lastSync: null, createdByUserName: null };
    };
    const enqueue = async (count: number) => {
      for (let done = 0; done < count; done += 500) {
        await deps.store.transaction(async (tx) => {
          for (let i = done; i < Math.min(count, done + 500); i++) await deps.events.publish(tx, { type: 'company.created', company: company(i) });
        });
      }
    };

    // 1. Throughput: a backlog of messages, then the worker drains it. Statistics are refreshed
    // after the burst as they are in service (PostgreSQL's autovacuum analyses webhook_messages
    // within a minute of 1,000 changes, migration 0006); on a table analysed while it was empty
    // the planner may sort the whole backlog per claim, a cold start this figure does not show.
    await enqueue(messages);
    if (dialect === 'postgres') await sql`ANALYZE webhook_messages`.execute(runtime.database.db);
    const started = performance.now();
    const profileFile = settings.cpuProfileDir && path.join(settings.cpuProfileDir, `${dialect}-webhooks-drain.cpuprofile`);
    await withCpuProfile(profileFile, async () => {
      runtime.worker.start();
      await waitUntil(() => receiver.count >= messages, 300_000);
    });
    const deliveriesPerSec = messages / ((performance.now() - started) / 1000);

    // 2. Reference: the same number of signed POSTs, same client, same concurrency, no database.
    const sender = createWebhookSender({ allowPrivateDestinations: true });
    const body = JSON.stringify({ id: newId(), eventType: 'company.created', generatedDate: new Date(0).toISOString(), payload: company(0) });
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    let next = 0;
    const bareStarted = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < messages) {
          next += 1;
          const headers = signatureHeaders(`msg_bench${next}`, Math.floor(Date.now() / 1000), body, [secret]);
          await sender.send(receiver.url, { ...headers }, body);
        }
      }),
    );
    const barePostsPerSec = messages / ((performance.now() - bareStarted) / 1000);
    sender.close();

    // 3. Latency: new events at a steady rate while the worker runs (in-process wake-ups).
    receiver.latenciesMs.length = 0;
    const latencyRate = 500;
    const before = receiver.count;
    const seconds = Math.max(3, Math.min(settings.seconds, 8));
    for (let tick = 0; tick < seconds * 20; tick++) {
      const due = performance.now() + 50;
      await enqueue(latencyRate / 20);
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await waitUntil(() => receiver.count >= before + seconds * latencyRate, 60_000);
    return { dialect, messages, deliveriesPerSec, barePostsPerSec, latency: summarise(receiver.latenciesMs), latencyRate };
  } finally {
    await doorway.close();
    await receiver.close();
  }
}

export function formatWebhookResult(r: WebhookBenchmarkResult): string {
  const share = r.deliveriesPerSec / r.barePostsPerSec;
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  return [
    `webhooks (${r.dialect}): ${r.messages.toLocaleString('en-US')} messages drained by the worker`,
    `  bare POST loop (reference)      ${n(r.barePostsPerSec).padStart(7)} posts/s`,
    `  webhook deliveries              ${n(r.deliveriesPerSec).padStart(7)} /s   ${(share * 100).toFixed(1)} % of bare   ` +
      `≥ ${WEBHOOK_TARGETS.minDeliveriesPerSec}/s ${mark(r.deliveriesPerSec >= WEBHOOK_TARGETS.minDeliveriesPerSec)}, ≥ 50 % ${mark(share >= WEBHOOK_TARGETS.minShareOfBare)}`,
    `  enqueue→delivered at ${r.latencyRate}/s     p50 ${r.latency.p50Ms.toFixed(1)} ms, p99 ${r.latency.p99Ms.toFixed(1)} ms   ` +
      `p50 ≤ ${WEBHOOK_TARGETS.maxP50Ms} ms ${mark(r.latency.p50Ms <= WEBHOOK_TARGETS.maxP50Ms)}`,
  ].join('\n');
}
