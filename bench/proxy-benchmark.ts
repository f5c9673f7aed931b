import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiServer, type ObservedServer } from './api-server.js';
import { forkBenchChild } from './child-process.js';
import { listenNode } from './listen.js';
import { measure, type Measurement } from './measure.js';
import { PROXY_BENCH_TOKEN } from './proxy-connection.js';
import type { BenchDialect, BenchSettings } from './settings.js';

export interface ProxyBenchmarkResult {
  benchmark: 'proxy';
  database: BenchDialect;
  direct: Measurement;
  proxied: Measurement;
  /** A bare node:http proxy doing only the essential work (key hash check, token read, forward), in its own process. */
  sameWork: Measurement;
  /** One request at a time, direct and proxied: what the proxy adds to one request's latency, free of queueing. */
  directSequential: Measurement;
  proxiedSequential: Measurement;
  /** Proxied requests/s as a fraction of direct ones (target ≥ 0.5). */
  shareOfDirect: number;
  /** Latency the proxy adds, in ms (target p50 ≤ 2). */
  addedP50Ms: number;
  addedP99Ms: number;
}

const TARGET = { minShareOfDirect: 0.5, maxAddedP50Ms: 2 };
const BODY = JSON.stringify({ Invoices: [{ InvoiceID: 'INV-1', Total: 100.5, Status: 'AUTHORISED' }] });

/**
 * The proxy's cost: a small platform API (node:http, one JSON answer, only for the right bearer
 * token) served by this process (autocannon runs in its worker thread), called directly and
 * through Doorway's proxy (in the API benchmark's server process, so its CPU is counted apart),
 * one right after the other in the same run.
 */
export async function runProxyBenchmark(dialect: BenchDialect, settings: BenchSettings): Promise<ProxyBenchmarkResult> {
  const platform = await listenNode((request, response) => {
    if (request.headers.authorization !== `Bearer ${PROXY_BENCH_TOKEN}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid token"}');
      return;
    }
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) }).end(BODY);
  });
  const providersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-bench-proxy-')), 'providers.json');
  const api = { baseUrl: `${platform.url}/api.xro/2.0` };
  fs.writeFileSync(providersFile, JSON.stringify([{ key: 'mqjo', name: 'Sandbox', sourceType: 'Accounting', isSandbox: true, auth: { type: 'sandbox' }, api }]));
  const server = await startApiServer(dialect, { ...settings, companies: 1 }, { providersFile });
  try {
    const proxyPath = await server.proxyConnection();
    const proxiedUrl = `${server.doorwayUrl}${proxyPath}/Invoices?page=1`;
    const check = await fetch(proxiedUrl, { headers: { authorization: server.authorization } });
    const text = await check.text();
    if (check.status !== 200 || text !== BODY) throw new Error(`proxy probe: HTTP ${check.status} ${text.slice(0, 200)}`);

    const directTarget = { label: 'platform API called directly (reference)', url: `${platform.url}/api.xro/2.0/Invoices?page=1`, headers: { authorization: `Bearer ${PROXY_BENCH_TOKEN}` } };
    const direct = await measure(directTarget, settings);
    const sameWork = await measureSameWorkProxy(platform.url, settings);
    const proxiedTarget = { label: 'GET …/proxy/Invoices', url: proxiedUrl, headers: { authorization: server.authorization } };
    const proxied = await measure(proxiedTarget, settings, settings.cpuProfileDir && path.join(settings.cpuProfileDir, `${dialect}-proxy.cpuprofile`), server);
    // Under `connections` concurrent requests p50 is mostly queueing (connections / throughput):
    // the latency the proxy adds is read from one request at a time instead.
    const sequential = { ...settings, connections: 1 };
    const directSequential = await measure({ ...directTarget, label: `${directTarget.label}, one at a time` }, sequential);
    const proxiedSequential = await measure({ ...proxiedTarget, label: `${proxiedTarget.label}, one at a time` }, sequential, undefined, server);
    return {
      benchmark: 'proxy',
      database: dialect,
      direct,
      proxied,
      sameWork,
      directSequential,
      proxiedSequential,
      shareOfDirect: direct.requestsPerSec > 0 ? proxied.requestsPerSec / direct.requestsPerSec : 0,
      addedP50Ms: proxiedSequential.p50Ms - directSequential.p50Ms,
      addedP99Ms: proxiedSequential.p99Ms - directSequential.p99Ms,
    };
  } finally {
    await server.close();
    await platform.close();
    fs.rmSync(path.dirname(providersFile), { recursive: true, force: true });
  }
}

export function formatProxyResult(result: ProxyBenchmarkResult): string {
  const row = (m: Measurement) =>
    `${m.operation.padEnd(42)} ${Math.round(m.requestsPerSec).toLocaleString('en-US').padStart(8)} req/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms  non-2xx ${m.non2xx}` +
    (m.serverCpuUsPerRequest === null ? '' : `  Doorway CPU ${Math.round(m.serverCpuUsPerRequest)} µs/req`);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  return [
    'proxy (small JSON answer; same platform API both ways):',
    `  ${row(result.direct)}`,
    `  ${row(result.sameWork)}`,
    `  ${row(result.proxied)}`,
    `  ${row(result.directSequential)}`,
    `  ${row(result.proxiedSequential)}`,
    `  proxied/direct ${(result.shareOfDirect * 100).toFixed(1)} % (target ≥ ${TARGET.minShareOfDirect * 100} %: ${verdict(result.shareOfDirect >= TARGET.minShareOfDirect)}), ` +
      `proxied/same-work ${(result.sameWork.requestsPerSec > 0 ? (100 * result.proxied.requestsPerSec) / result.sameWork.requestsPerSec : 0).toFixed(1)} %, ` +
      `added p50 (one at a time) ${result.addedP50Ms} ms (target ≤ ${TARGET.maxAddedP50Ms} ms: ${verdict(result.addedP50Ms <= TARGET.maxAddedP50Ms)}), added p99 ${result.addedP99Ms} ms`,
  ].join('\n');
}

type SameWorkRequest = { op: 'start'; upstream: string; apiKey: string; token: string } | { op: 'cpu' } | { op: 'close' };

/** The same GET through the minimal same-work proxy (bench/same-work-proxy-process.ts), in the same run. */
async function measureSameWorkProxy(platformUrl: string, settings: BenchSettings): Promise<Measurement> {
  const child = forkBenchChild<SameWorkRequest>(new URL('./same-work-proxy-process.js', import.meta.url), 'same-work proxy');
  try {
    const apiKey = 'same-work-api-key-0123456789';
    const url = (await child.call({ op: 'start', upstream: `${platformUrl}/api.xro/2.0`, apiKey, token: PROXY_BENCH_TOKEN })) as string;
    const observed: ObservedServer = {
      cpuMicros: async () => (await child.call({ op: 'cpu' })) as number,
      startProfile: async () => undefined,
      stopProfile: async () => undefined,
    };
    const authorization = `Basic ${Buffer.from(apiKey).toString('base64')}`;
    return await measure({ label: 'same-work proxy: key hash + token read + forward (ref.)', url: `${url}/proxy/Invoices?page=1`, headers: { authorization } }, settings, undefined, observed);
  } finally {
    await child.close();
  }
}
