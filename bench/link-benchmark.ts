import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { withCpuProfile } from './cpu-profile.js';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { createFlowRunner, runFlows, type FlowRunner, type FlowRunResult } from './flow-driver.js';
import { createKeepAliveAgent, httpRequest } from './http-client.js';
import { BENCH_REDIRECT_ORIGIN, BENCH_REDIRECT_URL, REQUESTS_PER_FLOW } from './link-flow.js';
import { measureLinkTransferSize, type TransferSize } from './link-size.js';
import { formatPortalSize, measurePortalSize, type PortalSizeResult } from './portal-size.js';
import { formatTable, type LoadTarget, type Verdict } from './measure.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/** The product issue's targets: complete Sandbox flows per second (on SQLite, 2 cores) and page weight. */
export const LINK_TARGETS = { minFlowsPerSecSqlite: 300, maxTransferKb: 60 } as const;

/** 1 KB = 1,024 bytes in every figure below. */
const KB = 1024;
/** Parallel `POST /companies` calls while preparing companies (not measured). */
const CREATE_PARALLELISM = 32;
/** Warm-up companies per warm-up second: enough for ~500 flows/s; running out just ends the warm-up. */
const WARMUP_COMPANIES_PER_SECOND = 500;
/**
 * Companies for the measured run: this many times what the warm-up rate needs, and at least enough
 * for this many flows/s, so it does not run dry when the machine is quieter than during warm-up.
 */
const MEASURED_HEADROOM = 2.5;
const MEASURED_MIN_FLOWS_PER_SEC = 450;

export interface FlowRow extends FlowRunResult {
  label: string;
  /** flowsPerSec × requests per flow. */
  requestsPerSec: number;
}

export interface LinkBenchmarkResult {
  benchmark: 'link';
  database: BenchDialect;
  concurrency: number;
  requestsPerFlow: number;
  /** Doorway also serves one more request per flow to itself: the callback's token exchange. */
  serverRequestsPerFlow: number;
  loadGenerator: 'worker thread' | 'same thread as the servers';
  companiesCreated: number;
  companyCreateMs: number;
  warmup: { flowsPerSec: number; completed: number; failed: number };
  /**
   * Event-loop utilisation of the servers' thread during the measured flows (0–1); near 1 means
   * Doorway's single thread is the bottleneck, not the load generator or the database server.
   */
  serverEventLoopUtilization: number;
  bare: FlowRow;
  flows: FlowRow;
  shareOfBare: number | null;
  minFlowsPerSec: number | null;
  flowsVerdict: Verdict;
  /** Failures, or the run ran out of companies: the figures do not describe a clean run. */
  invalid: boolean;
  transfer: TransferSize & { totalGzipKb: number; maxKb: number; verdict: Verdict };
  /** The Portal's page weight, measured on the same Doorway right after the Link page's. */
  portal: PortalSizeResult;
}

/**
 * Hosted Link: complete Sandbox flows per second over HTTP (no browser), next to the same number
 * of requests against the bare Hono route from the same load generator; then the Link page's
 * transfer size. Its own Doorway on a fresh database; companies are made through the API first.
 */
export async function runLinkBenchmark(dialect: BenchDialect, settings: BenchSettings, bare: LoadTarget): Promise<LinkBenchmarkResult> {
  const doorway = await startBenchDoorway(dialect, settings);
  let runner: FlowRunner | undefined;
  try {
    doorway.open();
    await configureRedirect(doorway);
    const concurrency = settings.flowConcurrency;
    let created = 0;
    let createMs = 0;
    const companies = async (count: number) => {
      const started = performance.now();
      const ids = await createCompanies(doorway, count);
      createMs += performance.now() - started;
      created += count;
      return ids;
    };

    // One flow on this thread first: a broken flow fails here with its step and status.
    const [probeCompany, pageCompany] = await companies(2);
    const probe = await runFlows({ kind: 'doorway', baseUrl: doorway.url, companies: [probeCompany!], concurrency: 1, seconds: 60 });
    if (probe.completed !== 1) throw new Error(`Sandbox flow probe failed: ${probe.failures.map((f) => f.message).join('; ')}`);
    const transfer = await measureLinkTransferSize(doorway.url, pageCompany!);
    const portal = await measurePortalSize(doorway.url, transfer);

    runner = createFlowRunner(settings.workers);
    const profileFile = (label: string) => settings.cpuProfileDir && path.join(settings.cpuProfileDir, `${dialect}-link-${label}.cpuprofile`);

    // Bare first, immediately before Doorway, as in the API benchmark.
    const bareRequest = { kind: 'bare' as const, baseUrl: bare.url, companies: [], concurrency };
    await runner.run({ ...bareRequest, seconds: settings.warmupSeconds });
    const bareResult = await runner.run({ ...bareRequest, seconds: settings.seconds });

    const warmupCompanies = await companies(concurrency + WARMUP_COMPANIES_PER_SECOND * settings.warmupSeconds);
    const warmup = await runner.run({ kind: 'doorway', baseUrl: doorway.url, companies: warmupCompanies, concurrency, seconds: settings.warmupSeconds });
    const measuredCount = Math.ceil(Math.max(warmup.flowsPerSec * MEASURED_HEADROOM, MEASURED_MIN_FLOWS_PER_SEC) * settings.seconds) + 2 * concurrency;
    const measuredCompanies = await companies(measuredCount);
    const activeRunner = runner;
    const eluBefore = performance.eventLoopUtilization();
    const flows = await withCpuProfile(profileFile('flows'), () =>
      activeRunner.run({ kind: 'doorway', baseUrl: doorway.url, companies: measuredCompanies, concurrency, seconds: settings.seconds }),
    );
    const serverEventLoopUtilization = performance.eventLoopUtilization(eluBefore).utilization;

    const minFlowsPerSec = dialect === 'sqlite' ? LINK_TARGETS.minFlowsPerSecSqlite : null;
    const totalGzipKb = transfer.totalGzipBytes / KB;
    const bareRow: FlowRow = { ...bareResult, label: `bare Hono, ${REQUESTS_PER_FLOW} GETs per flow (reference)`, requestsPerSec: bareResult.flowsPerSec * REQUESTS_PER_FLOW };
    return {
      benchmark: 'link',
      database: dialect,
      concurrency,
      requestsPerFlow: REQUESTS_PER_FLOW,
      serverRequestsPerFlow: REQUESTS_PER_FLOW + 1,
      loadGenerator: settings.workers > 0 ? 'worker thread' : 'same thread as the servers',
      companiesCreated: created,
      companyCreateMs: createMs,
      warmup: { flowsPerSec: warmup.flowsPerSec, completed: warmup.completed, failed: warmup.failed },
      serverEventLoopUtilization,
      bare: bareRow,
      flows: { ...flows, label: `Sandbox flow over HTTP (${REQUESTS_PER_FLOW} requests)`, requestsPerSec: flows.flowsPerSec * REQUESTS_PER_FLOW },
      shareOfBare: bareResult.flowsPerSec > 0 ? flows.flowsPerSec / bareResult.flowsPerSec : null,
      minFlowsPerSec,
      flowsVerdict: minFlowsPerSec === null ? null : flows.flowsPerSec >= minFlowsPerSec && flows.failed === 0 ? 'PASS' : 'MISS',
      invalid: flows.failed > 0 || flows.exhausted || bareResult.failed > 0,
      transfer: { ...transfer, totalGzipKb, maxKb: LINK_TARGETS.maxTransferKb, verdict: totalGzipKb <= LINK_TARGETS.maxTransferKb ? 'PASS' : 'MISS' },
      portal,
    };
  } finally {
    await runner?.close();
    await doorway.close();
  }
}

async function apiCall(doorway: BenchDoorway, agent: ReturnType<typeof createKeepAliveAgent>, method: string, path: string, body: unknown) {
  const reply = await httpRequest(agent, new URL(path, doorway.url), {
    method,
    headers: { authorization: doorway.authorization, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = reply.body.toString('utf8');
  if (reply.status !== 200 && reply.status !== 201) throw new Error(`${method} ${path}: HTTP ${reply.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A real redirect with placeholders, so Complete exercises redirect resolution and the allow-list. */
async function configureRedirect(doorway: BenchDoorway): Promise<void> {
  const agent = createKeepAliveAgent();
  try {
    await apiCall(doorway, agent, 'PUT', '/profile', { name: 'Bench Lender', redirectUrl: BENCH_REDIRECT_URL, whiteListUrls: [BENCH_REDIRECT_ORIGIN] });
  } finally {
    agent.destroy();
  }
}

/** Fresh companies through `POST /companies`, as a client would make them. */
async function createCompanies(doorway: BenchDoorway, count: number): Promise<string[]> {
  const agent = createKeepAliveAgent();
  const ids = new Array<string>(count);
  let next = 0;
  try {
    const loop = async () => {
      for (let i = next++; i < count; i = next++) {
        const company = await apiCall(doorway, agent, 'POST', '/companies', { name: `Flow Co ${i}` });
        if (typeof company.id !== 'string') throw new Error(`POST /companies returned no id: ${JSON.stringify(company).slice(0, 200)}`);
        ids[i] = company.id;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CREATE_PARALLELISM, count) }, loop));
    return ids;
  } finally {
    agent.destroy();
  }
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal = (value: number) => oneDecimal.format(value);

/** The per-database Hosted Link tables: flows/s, where a flow's time goes, and the page's weight. */
export function formatLinkResult(result: LinkBenchmarkResult): string {
  const lines: string[] = [];
  lines.push(
    `Hosted Link Sandbox flows: ${result.concurrency} concurrent flow loops, load from a ${result.loadGenerator}; ` +
      `${integer.format(result.companiesCreated)} companies made through POST /companies first (${decimal(result.companyCreateMs / 1000)} s, not measured); ` +
      `warm-up ${decimal(result.warmup.flowsPerSec)} flows/s; servers' thread busy ${Math.round(result.serverEventLoopUtilization * 100)} % of the measured run`,
  );
  lines.push('');
  const target = result.minFlowsPerSec === null ? 'none (SQLite only)' : `≥ ${result.minFlowsPerSec} flows/s`;
  const rows = [result.bare, result.flows].map((row, i) => [
    row.label,
    decimal(row.flowsPerSec),
    integer.format(row.requestsPerSec),
    decimal(row.latency.p50Ms),
    decimal(row.latency.p99Ms),
    integer.format(row.completed),
    String(row.failed),
    i === 0 ? '100.0 %' : result.shareOfBare === null ? '—' : `${decimal(result.shareOfBare * 100)} %`,
    i === 0 ? 'reference' : target,
    i === 0 ? '—' : (result.flowsVerdict ?? '—'),
  ]);
  lines.push(
    ...formatTable(
      ['operation', 'flows/s', 'req/s', 'p50 ms', 'p99 ms', 'flows', 'failures', '% of bare', 'target', 'verdict'],
      rows,
      [false, true, true, true, true, true, true, true, false, false],
    ),
  );
  lines.push(
    `  (one flow = ${result.requestsPerFlow} requests from the browser; Doorway serves ${result.serverRequestsPerFlow}, the callback's token exchange with its own Sandbox included. ` +
      `Bare flows/s = bare requests/s ÷ ${result.requestsPerFlow}.)`,
  );
  for (const row of [result.bare, result.flows]) {
    for (const failure of row.failures) lines.push(`  ! ${row.label}: ${failure.count} × ${failure.message}`);
    if (row.exhausted) lines.push(`  ! ${row.label}: ran out of fresh companies after ${integer.format(row.companiesUsed)}; flows/s covers ${decimal(row.elapsedMs / 1000)} s`);
  }
  if (result.invalid) lines.push('  ! the flow figures above come from a run with failures or too few companies — not a clean measurement');

  lines.push('');
  const flowMean = result.flows.steps.reduce((sum, step) => sum + step.meanMs, 0);
  lines.push(
    ...formatTable(
      ['step of one Sandbox flow (diagnostic)', 'p50 ms', 'p99 ms', 'mean ms', 'share'],
      result.flows.steps.map((step) => [
        step.step,
        decimal(step.p50Ms),
        decimal(step.p99Ms),
        decimal(step.meanMs),
        flowMean > 0 ? `${decimal((step.meanMs / flowMean) * 100)} %` : '—',
      ]),
      [false, true, true, true, true],
    ),
  );

  lines.push('');
  const t = result.transfer;
  const fileRows = t.files.map((file) => [
    file.label,
    integer.format(file.rawBytes),
    integer.format(file.gzipBytes),
    decimal(file.gzipBytes / KB),
    file.gzippedBy === 'server' ? 'by the server' : `by the bench (server sent ${file.contentEncoding})`,
  ]);
  fileRows.push(['total', integer.format(t.totalRawBytes), integer.format(t.totalGzipBytes), decimal(t.totalGzipKb), `target ≤ ${t.maxKb} KB: ${t.verdict}`]);
  lines.push(...formatTable(['Link page transfer (Accept-Encoding: gzip)', 'bytes', 'gzip bytes', 'gzip KB', 'gzipped'], fileRows, [false, true, true, true, false]));
  if (t.unmeasuredReferences.length > 0) lines.push(`  ! the HTML also references ${t.unmeasuredReferences.join(', ')}, not counted`);
  lines.push('  (1 KB = 1,024 bytes; gzip at zlib default level where the bench compresses; API JSON and platform logos the app loads afterwards are not counted)');
  lines.push('', formatPortalSize(result.portal));
  return lines.join('\n');
}
