import type { Logger } from 'pino';
import { pruneLinkData } from '../services/link/prune-link-data.js';
import type { ServiceDeps } from '../services/deps.js';

export interface LinkPruner {
  /** Sweeps now, then every `intervalMs` (each sweep starts after the previous one ended). */
  start(): void;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * The runtime's periodic sweeper of expired Link rows (services/link/prune-link-data.ts). A failed
 * sweep is logged and the next one tries again; the timer does not keep the process alive.
 */
export function createLinkPruner(options: {
  deps: Pick<ServiceDeps, 'store' | 'clock'>;
  log: Logger;
  intervalMs: number;
  eventRetentionDays: number;
}): LinkPruner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  const sweep = async () => {
    try {
      const counts = await pruneLinkData(options.deps, { eventRetentionDays: options.eventRetentionDays });
      if (Object.values(counts).some((count) => count > 0)) options.log.info(counts, 'pruned expired Link data');
    } catch (error) {
      options.log.warn({ err: error }, 'pruning expired Link data failed; trying again at the next sweep');
    }
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = sweep().finally(() => {
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
