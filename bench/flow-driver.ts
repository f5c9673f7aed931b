import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createKeepAliveAgent } from './http-client.js';
import { FLOW_STEPS, FlowFailure, runBareFlow, runSandboxFlow } from './link-flow.js';

/**
 * Runs N concurrent flow loops for a fixed time and summarises them. Runs either on this thread
 * or in a worker thread (like autocannon's `workers`), so the load generator's own CPU can be
 * kept off the event loop being measured.
 */

export interface FlowRunRequest {
  /** `doorway`: Sandbox flows against `baseUrl`, one per company; `bare`: 7 GETs of `baseUrl`. */
  kind: 'doorway' | 'bare';
  baseUrl: string;
  /** Fresh companies, each used by exactly one flow (a company links one accounting platform). */
  companies: string[];
  concurrency: number;
  seconds: number;
}

export interface LatencySummary {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface FlowRunResult {
  completed: number;
  failed: number;
  /** Failure messages (step + status) with their counts, most frequent first, at most 5. */
  failures: Array<{ message: string; count: number }>;
  /** From the first flow's start until the last loop stopped. */
  elapsedMs: number;
  flowsPerSec: number;
  latency: LatencySummary;
  /** Per request of the flow, in order: where a flow's time goes, as the client sees it. */
  steps: Array<LatencySummary & { step: string }>;
  companiesUsed: number;
  /** The loops ran out of companies before the time was up: `flowsPerSec` covers a shorter run. */
  exhausted: boolean;
}

export function summarise(values: number[]): LatencySummary {
  if (values.length === 0) return { p50Ms: 0, p99Ms: 0, meanMs: 0, maxMs: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), meanMs: round(sum / sorted.length), maxMs: round(sorted[sorted.length - 1] ?? 0) };
}

export async function runFlows(request: FlowRunRequest): Promise<FlowRunResult> {
  const agent = createKeepAliveAgent();
  const base = new URL(request.baseUrl);
  const flowLatencies: number[] = [];
  const stepLatencies: number[][] = [];
  const failures = new Map<string, number>();
  let failed = 0;
  let nextCompany = 0;
  let exhausted = false;

  const started = performance.now();
  const deadline = started + request.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      let companyId = '';
      if (request.kind === 'doorway') {
        const next = request.companies[nextCompany++];
        if (next === undefined) {
          exhausted = true;
          return;
        }
        companyId = next;
      }
      const flowStarted = performance.now();
      try {
        const steps = request.kind === 'doorway' ? await runSandboxFlow(agent, base, companyId) : await runBareFlow(agent, base);
        flowLatencies.push(performance.now() - flowStarted);
        steps.forEach((ms, i) => (stepLatencies[i] ??= []).push(ms));
      } catch (error) {
        failed++;
        const message = error instanceof FlowFailure ? error.message.slice(0, 160) : `network: ${error instanceof Error ? error.message : String(error)}`;
        const key = message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}');
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, loop));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    completed: flowLatencies.length,
    failed,
    failures: [...failures].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([message, count]) => ({ message, count })),
    elapsedMs,
    flowsPerSec: elapsedMs > 0 ? (flowLatencies.length * 1000) / elapsedMs : 0,
    latency: summarise(flowLatencies),
    steps: stepLatencies.map((values, i) => ({
      step: request.kind === 'doorway' ? (FLOW_STEPS[i] ?? `step ${i + 1}`) : `GET ${base.pathname} #${i + 1}`,
      ...summarise(values),
    })),
    companiesUsed: request.kind === 'doorway' ? Math.min(nextCompany, request.companies.length) : 0,
    exhausted,
  };
}

export interface FlowRunner {
  run(request: FlowRunRequest): Promise<FlowRunResult>;
  close(): Promise<void>;
}

type WorkerReply = { ok: true; result: FlowRunResult } | { ok: false; error: string };

/** `workers` > 0: one worker thread drives every loop (connections are not split further). */
export function createFlowRunner(workers: number): FlowRunner {
  if (workers <= 0) return { run: runFlows, close: async () => {} };
  const worker = new Worker(new URL('./flow-worker.js', import.meta.url));
  let pending: { resolve: (result: FlowRunResult) => void; reject: (error: Error) => void } | undefined;
  worker.on('message', (reply: WorkerReply) => {
    const current = pending;
    pending = undefined;
    if (reply.ok) current?.resolve(reply.result);
    else current?.reject(new Error(`flow worker: ${reply.error}`));
  });
  worker.on('error', (error) => {
    pending?.reject(error);
    pending = undefined;
  });
  return {
    run: (request) =>
      new Promise<FlowRunResult>((resolve, reject) => {
        if (pending) return reject(new Error('flow runner is busy'));
        pending = { resolve, reject };
        worker.postMessage(request);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
