import { parentPort } from 'node:worker_threads';
import { runFlows, type FlowRunRequest } from './flow-driver.js';

/** Worker-thread entry for `createFlowRunner`: one run per message, one reply per run. */
const port = parentPort;
if (!port) throw new Error('flow-worker.js must run as a worker thread');
port.on('message', (request: FlowRunRequest) => {
  runFlows(request).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
