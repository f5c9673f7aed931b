import { fork, type ChildProcess } from 'node:child_process';
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
export type ApiServerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

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
  const child = fork(new URL('./api-server-process.js', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = rpc(child);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      if (child.exitCode === null && child.connected) await call({ op: 'close' }).catch((error: unknown) => console.error('bench: API server close failed:', error));
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        await exited;
      }
    })());
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

/** One request, one reply, matched by id; a child that dies fails every pending call. */
function rpc(child: ChildProcess): (request: Request) => Promise<unknown> {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (reply: ApiServerReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new Error(`API server process: ${reply.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`API server process exited (${signal ?? code})`));
    pending.clear();
  });
  return (request) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id }, (error) => {
        if (!error) return;
        pending.delete(id);
        reject(error);
      });
    });
}
