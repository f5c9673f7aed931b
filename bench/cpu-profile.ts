import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

/** A running CPU profile of this process's main thread; `stop` writes it as a `.cpuprofile`. */
export interface RunningCpuProfile {
  stop(file: string): Promise<void>;
}

/** Starts profiling the main thread; Chrome DevTools or VS Code open the file `stop` writes. */
export async function startCpuProfile(): Promise<RunningCpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  } catch (error) {
    session.disconnect();
    throw error;
  }
  return {
    async stop(file) {
      try {
        const { profile } = await session.post('Profiler.stop');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(profile));
      } finally {
        session.disconnect();
      }
    },
  };
}

/**
 * Profiles the main thread (the servers under test) while `work` runs. autocannon runs in a
 * worker thread, so its own CPU does not show up here. Profiling costs throughput: compare
 * profiled runs only with each other.
 */
export async function withCpuProfile<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const profile = await startCpuProfile();
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await profile.stop(file).catch(() => {});
    throw error;
  }
  await profile.stop(file);
  return result;
}

/** What a server process answers its parent's `cpu`, `profile-start` and `profile-stop` requests with. */
export type ObservedOp = { op: 'cpu' } | { op: 'profile-start' } | { op: 'profile-stop'; file: string };

/** A server process's side of `ObservedServer` (api-server.ts): its CPU time, and one CPU profile at a time. */
export function createObservedProcess() {
  let profile: RunningCpuProfile | undefined;
  return {
    async answer(request: ObservedOp): Promise<unknown> {
      if (request.op === 'cpu') {
        const usage = process.cpuUsage();
        return usage.user + usage.system;
      }
      if (request.op === 'profile-start') profile = await startCpuProfile();
      else {
        const running = profile;
        profile = undefined;
        await running?.stop(request.file);
      }
      return null;
    },
    /** Ends a profile left running (the parent went away mid-run). */
    async stop(): Promise<void> {
      await profile?.stop('/dev/null').catch(() => {});
    },
  };
}
