import type { Logger } from 'pino';

/** One kind of expired data and how to delete it; answers what it deleted, by table. */
export interface PruneSweep {
  name: string;
  run(): Promise<Record<string, number>>;
}

export interface ExpiredDataPruner {
  /** Sweeps now, then every `intervalMs` (each sweep starts after the previous one ended). */
  start(): void;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * The runtime's one periodic sweeper of rows that have outlived their use (expired Link
 * sessions, OAuth states, rate-limit windows and old funnel events; idempotency keys past their
 * 24 hours). Each sweep is independent: a failed one is logged and tried again next time, the
 * others still run. The timer does not keep the process alive.
 */
export function createExpiredDataPruner(options: { log: Logger; intervalMs: number; sweeps: PruneSweep[] }): ExpiredDataPruner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  const sweepAll = async () => {
    for (const sweep of options.sweeps) {
      try {
        const counts = await sweep.run();
        if (Object.values(counts).some((count) => count > 0)) options.log.info(counts, `pruned ${sweep.name}`);
      } catch (error) {
        options.log.warn({ err: error }, `pruning ${sweep.name} failed; trying again at the next sweep`);
      }
    }
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = sweepAll().finally(() => {
        running = undefined;
        if (!stopped) schedule(options.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
