import { forkBenchChild, type ChildReply } from './child-process.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/** The companies the read benchmarks rotate through, picked evenly over the seeded table. */
export interface ApiSample {
  ids: string[];
  names: string[];
  /** The `uid` tag of each picked company (its merchant id). */
  uids: string[];
  /** `…/connections/{id}/accessToken` of Linked OAuth connections with fresh tokens. */
  tokenPaths: string[];
}

export interface ApiServerReady {
  doorwayUrl: string;
  /** The same process's second server: `/bare` and the same-work reference routes. */
  referenceUrl: string;
  authorization: string;
  companies: number;
  seededConnections: number;
  seedMs: number;
  sample: ApiSample;
}

type Request =
  | { op: 'start'; dialect: BenchDialect; settings: BenchSettings; providersFile?: string | undefined }
  | { op: 'proxy-connection' }
  | { op: 'cpu' }
  | { op: 'profile-start' }
  | { op: 'profile-stop'; file: string }
  | { op: 'close' };

export type ApiServerRequest = Request & { id: number };
export type ApiServerReply = ChildReply;

/** What `measure` needs from the server process it loads: its CPU time, and a CPU profile on demand. */
export interface ObservedServer {
  /** User + system CPU time the server process has used so far, in µs (`process.cpuUsage()`). */
  cpuMicros(): Promise<number>;
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
}

export interface ApiServer extends ApiServerReady, ObservedServer {
  /** A company with a Linked Sandbox (`mqjo`) connection holding `PROXY_BENCH_TOKEN`: its proxy path. */
  proxyConnection(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the API benchmark's server process (bench/api-server-process.ts): Doorway on a fresh,
 * seeded database, and beside it the bare and same-work reference routes. A child process, so
 * that the load generator's CPU (autocannon, in this process) is not counted as the server's.
 */
export async function startApiServer(dialect: BenchDialect, settings: BenchSettings, options: { providersFile?: string } = {}): Promise<ApiServer> {
  const { call, close } = forkBenchChild<Request>(new URL('./api-server-process.js', import.meta.url), 'API server process');
  try {
    const ready = (await call({ op: 'start', dialect, settings, providersFile: options.providersFile })) as ApiServerReady;
    return {
      ...ready,
      cpuMicros: async () => (await call({ op: 'cpu' })) as number,
      startProfile: async () => void (await call({ op: 'profile-start' })),
      stopProfile: async (file) => void (await call({ op: 'profile-stop', file })),
      proxyConnection: async () => (await call({ op: 'proxy-connection' })) as string,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
