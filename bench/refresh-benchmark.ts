import { forkBenchChild } from './child-process.js';
import type { RefreshRun, RefreshServerReady, RefreshServerRequest } from './refresh-server-process.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/** The target on the 2-core development machine (SQLite), and the anchor: Nango's idle-connection refresh. */
export const REFRESH_TARGETS = { minRefreshesPerSec: 500 } as const;
/** Nango refreshes idle connections 100 per 10 minutes per instance (peers.md §3). */
export const NANGO_REFRESHES_PER_SEC = 100 / 600;

export interface RefreshBenchmarkResult {
  dialect: BenchDialect;
  connections: number;
  concurrency: number;
  seedMs: number;
  /** Job started → every connection fresh (polled in the database). */
  allFreshMs: number;
  refreshesPerSec: number;
  serverCpuUsPerRefresh: number;
  reference: { refreshesPerSec: number; serverCpuUsPerRefresh: number };
}

type Request = RefreshServerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * 10,000 Linked Sandbox connections falling due at once: refreshes/s and the time until all are
 * fresh through the real refresh job and the real Sandbox token endpoint (rotating refresh tokens),
 * next to the same-work loop (one token POST + one UPDATE of a sealed value each) in the same run.
 */
export async function runRefreshBenchmark(dialect: BenchDialect, settings: BenchSettings): Promise<RefreshBenchmarkResult> {
  const { call, close } = forkBenchChild<Request>(new URL('./refresh-server-process.js', import.meta.url), 'refresh server process');
  try {
    const ready = (await call({ op: 'start', dialect, settings, connections: settings.refreshConnections, concurrency: settings.refreshConcurrency })) as RefreshServerReady;
    const drained = (await call({ op: 'drain' })) as RefreshRun;
    const reference = (await call({ op: 'reference' })) as RefreshRun;
    const perSec = (run: RefreshRun) => ready.connections / (run.milliseconds / 1000);
    return {
      dialect,
      connections: ready.connections,
      concurrency: ready.concurrency,
      seedMs: ready.seedMs,
      allFreshMs: drained.milliseconds,
      refreshesPerSec: perSec(drained),
      serverCpuUsPerRefresh: drained.cpuMicros / ready.connections,
      reference: { refreshesPerSec: perSec(reference), serverCpuUsPerRefresh: reference.cpuMicros / ready.connections },
    };
  } finally {
    await close();
  }
}

export function formatRefreshResult(r: RefreshBenchmarkResult): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const share = r.refreshesPerSec / r.reference.refreshesPerSec;
  const target = r.dialect === 'sqlite' ? `   ≥ ${REFRESH_TARGETS.minRefreshesPerSec}/s ${r.refreshesPerSec >= REFRESH_TARGETS.minRefreshesPerSec ? 'PASS' : 'MISS'}` : '';
  return [
    `token refresh (${r.dialect}): ${r.connections.toLocaleString('en-US')} Linked Sandbox connections due at once, concurrency ${r.concurrency} (seeded in ${(r.seedMs / 1000).toFixed(1)} s)`,
    `  Nango, idle connections (anchor)  ${NANGO_REFRESHES_PER_SEC.toFixed(2).padStart(7)} /s per instance (100 per 10 minutes)`,
    `  same-work POST + UPDATE (ref.)    ${n(r.reference.refreshesPerSec).padStart(7)} /s   ${n(r.reference.serverCpuUsPerRefresh)} µs CPU each`,
    `  refresh job + Sandbox             ${n(r.refreshesPerSec).padStart(7)} /s   ${n(r.serverCpuUsPerRefresh)} µs CPU each, ${(share * 100).toFixed(0)} % of same-work, ` +
      `all fresh after ${(r.allFreshMs / 1000).toFixed(1)} s${target}`,
  ].join('\n');
}
