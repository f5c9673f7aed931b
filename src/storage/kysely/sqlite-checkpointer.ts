import { Worker } from 'node:worker_threads';

/**
 * Copies SQLite's write-ahead log into the database file from a worker thread with its own
 * connection. Inside commits (SQLite's default) a checkpoint made some requests pay for everyone's
 * pages and their fsync; on a timer in the main thread it stalled the event loop. A PASSIVE
 * checkpoint on another connection blocks neither readers nor writers, so the copying now
 * happens beside the requests instead of in front of them. Commits are as durable either way.
 * The same thread refreshes the planner's statistics every ten minutes (refreshPlannerStatistics):
 * a no-op unless a table grew or shrank a lot, a few milliseconds of sampling when it did.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 1000');
db.pragma('analysis_limit = ' + workerData.analysisLimit);
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round copies more */ }
}, workerData.intervalMs);
const optimizer = setInterval(() => {
  try { db.pragma('optimize'); } catch { /* busy: statistics can wait for the next round */ }
}, workerData.optimizeEveryMs);
parentPort.on('message', () => { clearInterval(timer); clearInterval(optimizer); db.close(); process.exit(0); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  filename: string,
  driver: string,
  options: { intervalMs?: number; optimizeEveryMs?: number; analysisLimit: number },
): Checkpointer {
  const { intervalMs = 200, optimizeEveryMs = 600_000, analysisLimit } = options;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename, driver, intervalMs, optimizeEveryMs, analysisLimit } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
