import { fork, type ChildProcess } from 'node:child_process';

/**
 * A benchmark's server process: the parent forks it and talks to it over IPC, one request and one
 * reply matched by id, so the load (or the polling) in the parent is not counted in the child's
 * `process.cpuUsage()`. Used by the API part (api-server.ts) and the refresh part.
 */

export type ChildReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface BenchChild<Request> {
  call(request: Request): Promise<unknown>;
  /** Asks the child to close (`{ op: 'close' }`), then disconnects and waits for it to exit. */
  close(): Promise<void>;
}

export function forkBenchChild<Request extends { op: string }>(entry: URL, label: string): BenchChild<Request> {
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = rpc<Request>(child, label);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      if (child.exitCode === null && child.connected) {
        await call({ op: 'close' } as Request).catch((error: unknown) => console.error(`bench: ${label} close failed:`, error));
      }
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        await exited;
      }
    })());
  return { call, close };
}

/** One request, one reply, matched by id; a child that dies fails every pending call. */
function rpc<Request>(child: ChildProcess, label: string): (request: Request) => Promise<unknown> {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (reply: ChildReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new Error(`${label}: ${reply.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`${label} exited (${signal ?? code})`));
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

/**
 * The child's side: answers each request with `handle`'s result, and when the parent goes away
 * (finished, crashed or Ctrl-C) still runs `close` (which drops the throwaway database).
 */
export function answerParent<Request extends { id: number }>(entry: string, handle: (request: Request) => Promise<unknown>, close: () => Promise<void>): void {
  if (!process.send) throw new Error(`${entry} must be started by the bench (with an IPC channel)`);
  const send = (reply: ChildReply) => process.send?.(reply);
  process.on('message', (request: Request) => {
    handle(request).then(
      (value) => send({ id: request.id, ok: true, value }),
      (error: unknown) => send({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  const shutdown = () => void close().finally(() => process.exit(0));
  process.once('disconnect', shutdown);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, shutdown);
}
