import path from 'node:path';

/** Everything a benchmark run can be tuned with, read once from the environment. */
export type BenchDialect = 'sqlite' | 'postgres';
/** `api`: the companies API under autocannon; `link`: Hosted Link Sandbox flows and page weight. */
export type BenchPart = 'api' | 'link' | 'webhooks' | 'proxy';

export interface BenchSettings {
  /** Concurrent HTTP connections autocannon keeps open. */
  connections: number;
  /** Measured seconds per operation. */
  seconds: number;
  /** Unmeasured seconds against the same target first, so JIT and caches are warm. */
  warmupSeconds: number;
  /** autocannon worker threads; 0 runs the load generator on the bench's main thread (the API part's servers have their own process). */
  workers: number;
  /** Companies seeded before measuring. */
  companies: number;
  dialects: BenchDialect[];
  /** BENCH_PART=api|link|webhooks|proxy runs one part; all by default. */
  parts: BenchPart[];
  /** Concurrent Hosted Link flow loops (BENCH_FLOW_CONCURRENCY). */
  flowConcurrency: number;
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
  if (part !== undefined && part !== '' && part !== 'api' && part !== 'link' && part !== 'webhooks' && part !== 'proxy') {
    throw new Error(`BENCH_PART must be 'api', 'link', 'webhooks' or 'proxy', got '${part}'`);
  }
  return {
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 50),
    seconds: positiveInt(env, 'BENCH_SECONDS', 8),
    warmupSeconds: positiveInt(env, 'BENCH_WARMUP_SECONDS', 2),
    // One worker keeps autocannon's own CPU off the event loop being measured.
    workers: positiveInt(env, 'BENCH_WORKERS', 1, 0),
    companies: positiveInt(env, 'BENCH_COMPANIES', 100_000),
    dialects: only ? [only] : ['sqlite', 'postgres'],
    parts: part ? [part] : ['api', 'link', 'webhooks', 'proxy'],
    flowConcurrency: positiveInt(env, 'BENCH_FLOW_CONCURRENCY', 16),
    postgresUrl: env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test',
    // Doorway's production default (DATABASE_POOL_SIZE).
    postgresPoolSize: positiveInt(env, 'BENCH_PG_POOL_SIZE', 10),
    cpuProfileDir: env.BENCH_CPU_PROFILE === '1' ? path.join(resultsDir, 'profiles') : undefined,
  };
}
