import autocannon from 'autocannon';
import type { ObservedServer } from './api-server.js';
import { withCpuProfile } from './cpu-profile.js';

/** One HTTP operation to load. `requests` (if given) are cycled through by every connection. */
export interface LoadTarget {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  requests?: autocannon.Request[];
  /** Every request gets a fresh id wherever `[<id>]` appears (headers included): autocannon's idReplacement. */
  idReplacement?: boolean;
}

export interface LoadSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  workers: number;
}

export interface Measurement {
  operation: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  totalRequests: number;
  non2xx: number;
  /** Socket errors and timeouts: any of these makes the figures meaningless. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /**
   * The server process's CPU time (user + system, `process.cpuUsage()`) over the measured window,
   * divided by the requests completed in it; null when the server shares this process.
   */
  serverCpuUsPerRequest: number | null;
}

/** What an operation must reach; the bare Hono route is the yardstick for throughput. */
export interface Target {
  minShareOfBare?: number;
  maxP99Ms?: number;
}

export type Verdict = 'PASS' | 'MISS' | null;

export interface AssessedMeasurement extends Measurement {
  /**
   * reference: the bare route; target: has goals; diagnostic: shown only to explain the others;
   * same-work: the minimal route doing the essential work of the operation `sameWorkOf`.
   */
  role: 'reference' | 'target' | 'diagnostic' | 'same-work';
  /** requests/s as a fraction of the bare reference's requests/s. */
  shareOfBare: number | null;
  /** Target rows: requests/s as a fraction of the same-work reference's (1 = the stack's limit). */
  shareOfSameWork?: number | null;
  /** Target rows: server CPU µs per request as a multiple of the same-work reference's. */
  cpuVsSameWork?: number | null;
  /** Same-work rows: the operation they are the reference for. */
  sameWorkOf?: string;
  target: Target | null;
  throughputVerdict: Verdict;
  p99Verdict: Verdict;
  /** Non-2xx responses or socket errors: the numbers measure an error path, not the operation. */
  invalid: boolean;
}

/**
 * Warm-up run (discarded), then the measured run, against the same target. With `profileFile`,
 * the measured run is CPU-profiled too (which costs throughput: compare profiled runs only with each other).
 * With `server` (a server in another process), its CPU time over the measured run is reported
 * and the profile is taken there; without, the profile is of this process.
 */
export async function measure(target: LoadTarget, load: LoadSettings, profileFile?: string, server?: ObservedServer): Promise<Measurement> {
  await fire(target, load, load.warmupSeconds);
  let result: autocannon.Result;
  let serverCpuUsPerRequest: number | null = null;
  if (server) {
    if (profileFile) await server.startProfile();
    const cpuBefore = await server.cpuMicros();
    result = await fire(target, load, load.seconds);
    const cpuMicros = (await server.cpuMicros()) - cpuBefore;
    if (profileFile) await server.stopProfile(profileFile);
    serverCpuUsPerRequest = result.requests.total > 0 ? cpuMicros / result.requests.total : null;
  } else {
    result = await withCpuProfile(profileFile, () => fire(target, load, load.seconds));
  }
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  return {
    operation: target.label,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    serverCpuUsPerRequest,
  };
}

function fire(target: LoadTarget, load: LoadSettings, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers ?? {},
    ...(target.body !== undefined ? { body: target.body } : {}),
    ...(target.requests ? { requests: target.requests } : {}),
    ...(target.idReplacement ? { idReplacement: true } : {}),
    connections: load.connections,
    duration: seconds,
    // autocannon splits `connections` between workers; 0 means "same thread".
    ...(load.workers > 0 ? { workers: load.workers } : {}),
  });
}

export function assess(measurement: Measurement, bare: Measurement | null, target: Target | null, sameWork?: Measurement): AssessedMeasurement {
  const shareOfBare = bare && bare.requestsPerSec > 0 ? measurement.requestsPerSec / bare.requestsPerSec : null;
  const check = (limit: number | undefined, ok: (limit: number) => boolean): Verdict => (limit === undefined ? null : ok(limit) ? 'PASS' : 'MISS');
  return {
    ...measurement,
    role: target ? 'target' : measurement === bare ? 'reference' : 'diagnostic',
    shareOfBare,
    target,
    throughputVerdict: check(target?.minShareOfBare, (min) => shareOfBare !== null && shareOfBare >= min),
    p99Verdict: check(target?.maxP99Ms, (max) => measurement.p99Ms < max),
    invalid: measurement.non2xx > 0 || measurement.errors > 0 || measurement.timeouts > 0,
    ...(sameWork ? compareWithSameWork(measurement, sameWork) : {}),
  };
}

export function compareWithSameWork(measurement: Measurement, sameWork: Measurement): { shareOfSameWork: number | null; cpuVsSameWork: number | null } {
  const doorwayCpu = measurement.serverCpuUsPerRequest;
  const referenceCpu = sameWork.serverCpuUsPerRequest;
  return {
    shareOfSameWork: sameWork.requestsPerSec > 0 ? measurement.requestsPerSec / sameWork.requestsPerSec : null,
    cpuVsSameWork: doorwayCpu !== null && referenceCpu !== null && referenceCpu > 0 ? doorwayCpu / referenceCpu : null,
  };
}

/** A same-work reference's row: a diagnostic for `operation`, compared with the bare route like every row. */
export function assessSameWork(measurement: Measurement, bare: Measurement, operation: string): AssessedMeasurement {
  return { ...assess(measurement, bare, null), role: 'same-work', sameWorkOf: operation };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);

/** The per-database results table, one line per operation. */
export function formatMeasurements(rows: AssessedMeasurement[]): string {
  const header = ['operation', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'CPU µs/req', '% of bare', '% of same-work', 'CPU × same-work', 'target', 'vs bare', 'p99 < target'];
  const body = rows.map((row) => [
    row.role === 'same-work' ? `  same-work reference` : row.operation,
    integer.format(row.requestsPerSec),
    String(row.p50Ms),
    String(row.p99Ms),
    String(row.non2xx),
    row.serverCpuUsPerRequest === null ? '—' : integer.format(row.serverCpuUsPerRequest),
    percent(row.shareOfBare),
    row.shareOfSameWork === undefined ? '' : percent(row.shareOfSameWork),
    row.cpuVsSameWork === undefined ? '' : row.cpuVsSameWork === null ? '—' : `${row.cpuVsSameWork.toFixed(2)} ×`,
    row.target ? describeTarget(row.target) : row.role,
    row.throughputVerdict ?? '—',
    row.p99Verdict ?? '—',
  ]);
  const lines = formatTable(header, body, [false, true, true, true, true, true, true, true, true, false, false, false]);
  for (const row of rows.filter((r) => r.invalid)) {
    const codes = Object.entries(row.statusCodes).map(([code, count]) => `${code}×${count}`).join(', ');
    lines.push(`  ! ${row.operation}: ${row.non2xx} non-2xx (${codes}), ${row.errors} errors, ${row.timeouts} timeouts — figures are not valid`);
  }
  return lines.join('\n');
}

function describeTarget(target: Target): string {
  const parts: string[] = [];
  if (target.minShareOfBare !== undefined) parts.push(`≥ ${Math.round(target.minShareOfBare * 100)} %`);
  if (target.maxP99Ms !== undefined) parts.push(`p99 < ${target.maxP99Ms} ms`);
  return parts.join(', ');
}

/** Plain-text columns; `right[i]` right-aligns numeric columns. */
export function formatTable(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
