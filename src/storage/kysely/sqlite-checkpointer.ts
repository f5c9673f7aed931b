import { Worker } from 'node:worker_threads';

/**
 * Copies SQLite's write-ahead log into the database file from a worker thread with its own
 * connection. Inside commits (SQLite's default) a checkpoint made some requests pay for everyone's
 * pages and their fsync; on a timer in the main thread it stalled the event loop. A PASSIVE
 * checkpoint on another connection blocks neither readers nor writers, so the copying now
 * happens beside the requests instead of in front of them. Commits are as durable either way.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round copies more */ }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(filename: string, driver: string, intervalMs = 200): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename, driver, intervalMs } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
