import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Doorway as real operating-system processes (`node dist/src/main.js`), for tests that must kill
 * them with SIGKILL: build once with `buildDoorway()`, then start, kill and restart processes by
 * name through a `DoorwayFleet`. Every child is SIGKILLed when the fleet is disposed, and also
 * when the test process exits, so a failing or interrupted test leaves no process behind.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN_JS = path.join(REPO_ROOT, 'dist', 'src', 'main.js');
const OUTPUT_TAIL_CHARS = 8_000;

/** Compiles the server into dist/ (tsc -p tsconfig.build.json); throws with tsc's output. */
export function buildDoorway(): void {
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p tsconfig.build.json failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** A TCP port that was free a moment ago (bound to port 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds: tests wait for the state that proves a claim, never a fixed time. */
export async function pollUntil<T>(what: string, timeoutMs: number, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await delay(200);
  }
}

export type DoorwayCommand = 'serve' | 'worker';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface DoorwayProcess {
  readonly name: string;
  readonly command: DoorwayCommand;
  readonly pid: number;
  readonly exited: Promise<ExitInfo>;
  running(): boolean;
  /** The last few kilobytes of its stdout and stderr. */
  output(): string;
}

interface TrackedProcess extends DoorwayProcess {
  child: ChildProcess;
  killedByUs: boolean;
}

/** Every child of every fleet, for the last-resort cleanup on exit. */
const allChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of allChildren) child.kill('SIGKILL');
  });
}

export class DoorwayFleet {
  private readonly processes = new Map<string, TrackedProcess>();
  private disposed = false;
  /** Processes that ended without being killed by the fleet: a crash or a refusal to start. */
  readonly unexpectedExits: string[] = [];

  /** `env` is the whole environment of every child (plus PATH), so nothing leaks in from the test runner. */
  constructor(private readonly env: Record<string, string>) {
    installExitHook();
  }

  /** Starts `node dist/src/main.js <command>` under `name`; the previous process of that name must be gone. */
  start(name: string, command: DoorwayCommand, extraEnv: Record<string, string> = {}): DoorwayProcess {
    if (this.disposed) throw new Error(`the fleet is disposed; not starting ${name}`);
    const previous = this.processes.get(name);
    if (previous?.running()) throw new Error(`${name} (pid ${previous.pid}) is still running`);
    const child = spawn(process.execPath, [MAIN_JS, command], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`could not spawn ${name}`);
    allChildren.add(child);
    let tail = '';
    const append = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    let alive = true;
    const tracked: TrackedProcess = {
      name,
      command,
      pid: child.pid,
      child,
      killedByUs: false,
      running: () => alive,
      output: () => tail,
      exited: new Promise<ExitInfo>((resolve) => {
        child.once('exit', (code, signal) => {
          alive = false;
          allChildren.delete(child);
          if (!tracked.killedByUs) {
            this.unexpectedExits.push(`${name} (${command}, pid ${child.pid}) exited by itself: code ${code}, signal ${signal}\n${tail}`);
          }
          resolve({ code, signal });
        });
      }),
    };
    this.processes.set(name, tracked);
    return tracked;
  }

  get(name: string): DoorwayProcess {
    const tracked = this.processes.get(name);
    if (!tracked) throw new Error(`no process named ${name}`);
    return tracked;
  }

  /** SIGKILL, then wait until the OS has reaped it (so its pid is really gone). */
  async kill(name: string): Promise<void> {
    const tracked = this.processes.get(name);
    if (!tracked || !tracked.running()) return;
    tracked.killedByUs = true;
    tracked.child.kill('SIGKILL');
    await tracked.exited;
  }

  async killAll(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((name) => this.kill(name)));
  }

  /** Kills every process and refuses to start new ones (a test's cleanup racing its own restarts). */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.killAll();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Polls `GET {baseUrl}/healthz` until it answers 200; fails early if the process exits. */
  async waitForHealthy(name: string, baseUrl: string, timeoutMs = 20_000): Promise<void> {
    const proc = this.get(name);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!proc.running()) throw new Error(`${name} exited before becoming healthy:\n${proc.output()}`);
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${name} not healthy after ${timeoutMs} ms:\n${proc.output()}`);
      await delay(25);
    }
  }

  /** Waits until the process has printed `text` (e.g. a startup log line); fails early if it exits. */
  async waitForOutput(name: string, text: string, timeoutMs = 20_000): Promise<void> {
    const proc = this.get(name);
    const deadline = Date.now() + timeoutMs;
    while (!proc.output().includes(text)) {
      if (!proc.running()) throw new Error(`${name} exited before printing "${text}":\n${proc.output()}`);
      if (Date.now() > deadline) throw new Error(`${name} did not print "${text}" within ${timeoutMs} ms:\n${proc.output()}`);
      await delay(25);
    }
  }
}
