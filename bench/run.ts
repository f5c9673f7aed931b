import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { runApiBenchmark, type ApiBenchmarkResult } from './api-benchmark.js';
import { closeAllBenchDoorways } from './doorway.js';
import { formatLinkResult, runLinkBenchmark, type LinkBenchmarkResult } from './link-benchmark.js';
import { formatProxyResult, runProxyBenchmark, type ProxyBenchmarkResult } from './proxy-benchmark.js';
import { formatWebhookResult, runWebhookBenchmark, type WebhookBenchmarkResult } from './webhook-benchmark.js';
import { formatRefreshResult, runRefreshBenchmark, type RefreshBenchmarkResult } from './refresh-benchmark.js';
import { formatPortalCompaniesResult, runPortalCompaniesBenchmark, type PortalCompaniesBenchmarkResult } from './portal-companies-benchmark.js';
import { formatFunnelResult, runFunnelBenchmark, type FunnelBenchmarkResult } from './funnel-benchmark.js';
import { formatEmbedResult, runEmbedBenchmark, type EmbedBenchmarkResult } from './embed-benchmark.js';
import { listen, type Listening } from './listen.js';
import { formatMeasurements, type LoadTarget } from './measure.js';
import { loadBenchSettings, type BenchDialect, type BenchPart, type BenchSettings } from './settings.js';

/**
 * `npm run bench`: Doorway's throughput and latency on SQLite and PostgreSQL, each next to a bare
 * Hono route served the same way in the same process. A benchmark, not a test: missed targets are
 * reported, only a broken run exits non-zero. Each part is its own module called from `main`:
 * the companies API (`runApiBenchmark`), Hosted Link flows/s + page weight (`runLinkBenchmark`)
 * webhook deliveries/s + enqueue→delivered latency (`runWebhookBenchmark`) and background token
 * refreshes/s with 10,000 connections due at once (`runRefreshBenchmark`) and the Portal's auth
 * funnel over a year of Link events (`runFunnelBenchmark`); further ones go alongside.
 */

// Compiled to dist/bench/run.js, but results belong next to the sources (bench/results, git-ignored).
const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.basename(path.dirname(HERE)) === 'dist' ? path.resolve(HERE, '../../bench/results') : path.join(HERE, 'results');

interface DatabaseOutcome {
  database: BenchDialect;
  api?: ApiBenchmarkResult;
  link?: LinkBenchmarkResult;
  webhooks?: WebhookBenchmarkResult;
  proxy?: ProxyBenchmarkResult;
  refresh?: RefreshBenchmarkResult;
  portalCompanies?: PortalCompaniesBenchmarkResult;
  funnel?: FunnelBenchmarkResult;
  embed?: EmbedBenchmarkResult;
  /** Per part, the failure that stopped it; the other part still ran. */
  errors?: Partial<Record<BenchPart, string>>;
}

async function main(): Promise<number> {
  const settings = loadBenchSettings(RESULTS_DIR);
  printHeader(settings);
  const bare = await startBareServer();
  const outcomes: DatabaseOutcome[] = [];
  try {
    const bareTarget: LoadTarget = { label: 'bare Hono JSON (reference)', url: `${bare.url}/bare` };
    for (const database of settings.dialects) {
      console.log(`\n== ${database} ==`);
      const outcome: DatabaseOutcome = { database };
      const fail = (part: BenchPart, error: unknown) => {
        // Keep going: the other part's and the other database's figures are still worth having.
        console.error(`${database}: ${part} benchmark failed:`, error);
        (outcome.errors ??= {})[part] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      };
      if (settings.parts.includes('api')) {
        try {
          const api = await runApiBenchmark(database, settings);
          console.log(`seeded ${api.companies.toLocaleString('en-US')} companies (+${api.seededConnections} connections) in ${(api.seedMs / 1000).toFixed(1)} s\n`);
          console.log(formatMeasurements(api.rows));
          const range = api.bareRange;
          console.log(`(bare measured before each operation: ${Math.round(range.min).toLocaleString('en-US')}–${Math.round(range.max).toLocaleString('en-US')} req/s; each row is compared with the fastest)`);
          console.log('(CPU µs/req: the server process, Doorway and its references alike, over the measured window; same-work: the operation\'s essential work only)');
          outcome.api = api;
        } catch (error) {
          fail('api', error);
        }
      }
      if (settings.parts.includes('link')) {
        try {
          if (settings.parts.includes('api')) console.log('');
          const link = await runLinkBenchmark(database, settings, bareTarget);
          console.log(formatLinkResult(link));
          outcome.link = link;
        } catch (error) {
          fail('link', error);
        }
      }
      if (settings.parts.includes('webhooks')) {
        try {
          console.log('');
          const webhooks = await runWebhookBenchmark(database, settings);
          console.log(formatWebhookResult(webhooks));
          outcome.webhooks = webhooks;
        } catch (error) {
          fail('webhooks', error);
        }
      }
      if (settings.parts.includes('proxy')) {
        try {
          console.log('');
          const proxy = await runProxyBenchmark(database, settings);
          console.log(formatProxyResult(proxy));
          outcome.proxy = proxy;
        } catch (error) {
          fail('proxy', error);
        }
      }
      if (settings.parts.includes('refresh')) {
        try {
          console.log('');
          const refresh = await runRefreshBenchmark(database, settings);
          console.log(formatRefreshResult(refresh));
          outcome.refresh = refresh;
        } catch (error) {
          fail('refresh', error);
        }
      }
      if (settings.parts.includes('portal-companies')) {
        try {
          console.log('');
          const portalCompanies = await runPortalCompaniesBenchmark(database, settings);
          console.log(formatPortalCompaniesResult(portalCompanies));
          outcome.portalCompanies = portalCompanies;
        } catch (error) {
          fail('portal-companies', error);
        }
      }
      if (settings.parts.includes('portal-funnel')) {
        try {
          console.log('');
          const funnel = await runFunnelBenchmark(database, settings, bareTarget);
          console.log(formatFunnelResult(funnel));
          outcome.funnel = funnel;
        } catch (error) {
          fail('portal-funnel', error);
        }
      }
      if (settings.parts.includes('embed')) {
        try {
          console.log('');
          const embed = await runEmbedBenchmark(database, settings);
          console.log(formatEmbedResult(embed));
          outcome.embed = embed;
        } catch (error) {
          fail('embed', error);
        }
      }
      outcomes.push(outcome);
    }
  } finally {
    await bare.close();
  }
  const file = writeResults(settings, outcomes);
  console.log(`\nresults written to ${path.relative(process.cwd(), file)}`);
  return outcomes.some((outcome) => outcome.errors !== undefined) ? 1 : 0;
}

/** The reference: the least work a Hono app on @hono/node-server can do for a JSON response. */
function startBareServer(): Promise<Listening> {
  const app = new Hono();
  app.get('/bare', (c) => c.json({ hello: 'world' }));
  return listen(app.fetch);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function printHeader(settings: BenchSettings): void {
  const m = machine();
  console.log('Doorway benchmark');
  console.log(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, node ${m.node}`);
  console.log(
    `load: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per operation, ` +
      (settings.workers > 0 ? `${settings.workers} worker thread(s)` : 'same thread as the servers'),
  );
  console.log(`parts: ${settings.parts.join(', ')}; data: ${settings.companies.toLocaleString('en-US')} companies for one client (api, portal-funnel); PostgreSQL pool ${settings.postgresPoolSize}`);
  if (settings.parts.includes('link')) {
    console.log(`link: ${settings.flowConcurrency} concurrent Sandbox flow loops, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured, fresh company per flow`);
  }
  if (settings.parts.includes('refresh')) {
    console.log(`refresh: ${settings.refreshConnections.toLocaleString('en-US')} Linked Sandbox connections due at once, drained by the refresh job (concurrency ${settings.refreshConcurrency ?? 'production default'})`);
  }
}

function writeResults(settings: BenchSettings, outcomes: DatabaseOutcome[]): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.json');
  const { postgresUrl: _url, ...shared } = settings; // the URL may carry a password
  fs.writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: machine(), settings: shared, results: outcomes }, null, 2)}\n`);
  return file;
}

// Ctrl-C: still close servers and drop the throwaway PostgreSQL database.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void closeAllBenchDoorways().finally(() => process.exit(130));
  });
}

main().then(
  (code) => finish(code),
  (error: unknown) => {
    console.error('bench failed:', error);
    void closeAllBenchDoorways().finally(() => finish(1));
  },
);

function finish(code: number): void {
  process.exitCode = code;
  // Everything is closed by now; if some handle still lingers, do not hang the terminal over it.
  setTimeout(() => {
    console.error('bench: handles still open after cleanup; exiting anyway');
    process.exit(code);
  }, 5000).unref();
}
