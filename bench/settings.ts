import path from 'node:path';

/** Everything a benchmark run can be tuned with, read once from the environment. */
export type BenchDialect = 'sqlite' | 'postgres';
/**
 * `api`: the companies API under autocannon; `link`: Hosted Link Sandbox flows and page weight; `proxy`: the platform proxy;
 * `refresh`: background token refresh; `portal-companies`: the Portal's Companies table; `portal-funnel`: the Portal's auth
 * funnel over a year of Link events; `embed`: the Link SDK's gzipped size and its time to the first interactive screen in Chromium.
 */
export type BenchPart = 'api' | 'link' | 'webhooks' | 'proxy' | 'refresh' | 'portal-companies' | 'portal-funnel' | 'embed';
const PARTS: readonly BenchPart[] = ['api', 'link', 'webhooks', 'proxy', 'refresh', 'portal-companies', 'portal-funnel', 'embed'];

export interface BenchSettings {
  /** Concurrent HTTP connections autocannon keeps open. */
  connections: number;
  /** Measured seconds per operation. */
  seconds: number;
  /** Unmeasured seconds against the same target first, so JIT and caches are warm. */
  warmupSeconds: number;
  /** autocannon worker threads; 0 runs the load generator on the bench's main thread (the API part's servers have their own process). */
  workers: number;
  /** Companies seeded before measuring (api; portal-funnel: customers with a year of Link events). */
  companies: number;
  dialects: BenchDialect[];
  /** BENCH_PART=api|link|webhooks|proxy|refresh|portal-companies|portal-funnel|embed runs one part; all by default. */
  parts: BenchPart[];
  /** Concurrent Hosted Link flow loops (BENCH_FLOW_CONCURRENCY). */
  flowConcurrency: number;
  /** Linked Sandbox connections falling due at once (BENCH_REFRESH_CONNECTIONS). */
  refreshConnections: number;
  /** The refresh job's concurrency (BENCH_REFRESH_CONCURRENCY); undefined: production's TOKEN_REFRESH_CONCURRENCY default. */
  refreshConcurrency: number | undefined;
  /** Server the throwaway `doorway_bench_*` database is created on; this database itself is untouched. */
  postgresUrl: string;
  postgresPoolSize: number;
  /** BENCH_CPU_PROFILE=1: one `.cpuprofile` per measured operation, written here. */
  cpuProfileDir: string | undefined;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got '${raw}'`);
  return value;
}

export function loadBenchSettings(resultsDir: string, env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const only = env.BENCH_ONLY;
  if (only !== undefined && only !== '' && only !== 'sqlite' && only !== 'postgres') {
    throw new Error(`BENCH_ONLY must be 'sqlite' or 'postgres', got '${only}'`);
  }
  const part = env.BENCH_PART;
  if (part !== undefined && part !== '' && !(PARTS as readonly string[]).includes(part)) {
    throw new Error(`BENCH_PART must be one of ${PARTS.join(', ')}, got '${part}'`);
  }
  return {
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 50),
    seconds: positiveInt(env, 'BENCH_SECONDS', 8),
    warmupSeconds: positiveInt(env, 'BENCH_WARMUP_SECONDS', 2),
    // One worker keeps autocannon's own CPU off the event loop being measured.
    workers: positiveInt(env, 'BENCH_WORKERS', 1, 0),
    companies: positiveInt(env, 'BENCH_COMPANIES', 100_000),
    dialects: only ? [only] : ['sqlite', 'postgres'],
    parts: part ? [part as BenchPart] : [...PARTS],
    flowConcurrency: positiveInt(env, 'BENCH_FLOW_CONCURRENCY', 16),
    refreshConnections: positiveInt(env, 'BENCH_REFRESH_CONNECTIONS', 10_000),
    refreshConcurrency: env.BENCH_REFRESH_CONCURRENCY ? positiveInt(env, 'BENCH_REFRESH_CONCURRENCY', 1) : undefined,
    postgresUrl: env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test',
    // Doorway's production default (DATABASE_POOL_SIZE).
    postgresPoolSize: positiveInt(env, 'BENCH_PG_POOL_SIZE', 10),
    cpuProfileDir: env.BENCH_CPU_PROFILE === '1' ? path.join(resultsDir, 'profiles') : undefined,
  };
}
