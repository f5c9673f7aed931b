/**
 * The leased-job kernel on its own, with a job type defined here: an in-memory table of jobs
 * with due times and leases, real timers, and assertions that poll for the state that proves a
 * behaviour (never a fixed sleep to show that something did not happen).
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { createLeasedJobRunner, type Lease, type LeasedJobRunner, type LeasedJobRunnerOptions } from '../../src/jobs/leased-job-runner.js';
import { retryDelayMs } from '../../src/jobs/retry-schedule.js';

interface Job {
  id: number;
  attempts: number;
}

interface Row extends Job {
  dueAt: number;
  leasedUntil: number | null;
  done: boolean;
}

interface Outcome {
  id: number;
  attempts: number;
  /** Undefined: done for good. */
  retryAt: number | undefined;
}

/** The jobs' table: what a repository would do in SQL, done in memory. */
function createJobTable() {
  const rows = new Map<number, Row>();
  const batches: Outcome[][] = [];
  const released: number[] = [];
  let claims = 0;
  const claimable = (row: Row, now: number) => !row.done && row.dueAt <= now && (row.leasedUntil === null || row.leasedUntil <= now);
  return {
    rows,
    batches,
    released,
    get claims() {
      return claims;
    },
    add(count: number, dueAt = Date.now()): void {
      for (let i = 0; i < count; i++) rows.set(rows.size + 1, { id: rows.size + 1, attempts: 0, dueAt, leasedUntil: null, done: false });
    },
    async claim(limit: number, lease: Lease): Promise<Job[]> {
      claims++;
      const due = [...rows.values()].filter((row) => claimable(row, lease.now.getTime())).slice(0, limit);
      for (const row of due) row.leasedUntil = lease.until.getTime();
      return due.map(({ id, attempts }) => ({ id, attempts }));
    },
    async complete(outcomes: Outcome[]): Promise<void> {
      batches.push(outcomes);
      for (const outcome of outcomes) {
        const row = rows.get(outcome.id)!;
        Object.assign(row, { attempts: outcome.attempts, leasedUntil: null, done: outcome.retryAt === undefined, dueAt: outcome.retryAt ?? row.dueAt });
      }
    },
    async release(jobs: Job[]): Promise<void> {
      for (const job of jobs) {
        rows.get(job.id)!.leasedUntil = null;
        released.push(job.id);
      }
    },
    async nextDueAt(): Promise<Date | undefined> {
      const pending = [...rows.values()].filter((row) => !row.done).map((row) => Math.max(row.dueAt, row.leasedUntil ?? 0));
      return pending.length === 0 ? undefined : new Date(Math.min(...pending));
    },
    doneCount: () => [...rows.values()].filter((row) => row.done).length,
  };
}

/** A promise the test opens when it chooses: holds jobs in flight. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Polls (in real time) until `check` passes. */
async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const succeed = (job: Job): Outcome => ({ id: job.id, attempts: job.attempts + 1, retryAt: undefined });

describe('leased-job runner', () => {
  const runners: LeasedJobRunner[] = [];
  let logs: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'error' }, { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    logs = [];
  });

  function runner(table: ReturnType<typeof createJobTable>, options: Partial<LeasedJobRunnerOptions<Job, Outcome>>): LeasedJobRunner {
    const created = createLeasedJobRunner<Job, Outcome>({
      name: 'test jobs',
      clock: systemClock,
      log,
      claim: table.claim,
      perform: async (job) => succeed(job),
      complete: table.complete,
      release: table.release,
      nextDueAt: table.nextDueAt,
      describe: (job) => ({ jobId: job.id }),
      idlePollMs: 60_000, // only wake(), a finished job or a due time may end an idle wait
      ...options,
    });
    runners.push(created);
    return created;
  }

  it('never runs more than `concurrency` jobs at once, and keeps every slot busy', async () => {
    const table = createJobTable();
    table.add(40);
    let running = 0;
    let most = 0;
    const r = runner(table, {
      concurrency: 3,
      perform: async (job) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        return succeed(job);
      },
    });
    r.start();
    await eventually(() => table.doneCount() === 40);
    expect(most).toBe(3);
  });

  it('writes the outcomes of jobs finishing together in one batch', async () => {
    const table = createJobTable();
    table.add(10);
    const hold = gate();
    let started = 0;
    const r = runner(table, {
      concurrency: 10,
      perform: async (job) => {
        started++;
        await hold.opened;
        return succeed(job);
      },
    });
    r.start();
    await eventually(() => started === 10);
    hold.open();
    await eventually(() => table.doneCount() === 10);
    expect(table.batches.map((batch) => batch.length)).toEqual([10]);
  });

  it('wake() claims new work at once instead of at the next poll', async () => {
    const table = createJobTable();
    const r = runner(table, {});
    r.start();
    await eventually(() => table.claims === 1); // found nothing, now idle for up to a minute
    table.add(1);
    r.wake();
    await eventually(() => table.doneCount() === 1); // far sooner than the minute's poll
  });

  it('stop() hands back claimed jobs not yet started and waits for the ones in flight', async () => {
    const table = createJobTable();
    table.add(6);
    const hold = gate();
    const started: number[] = [];
    const r = runner(table, {
      concurrency: 2,
      perform: async (job) => {
        started.push(job.id);
        await hold.opened;
        return succeed(job);
      },
    });
    r.start();
    // Two in flight and two more claimed, waiting for a slot; the other two unclaimed.
    await eventually(() => started.length === 2 && [...table.rows.values()].filter((row) => row.leasedUntil !== null).length === 4);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await eventually(() => table.released.length === 2);
    expect(stopped).toBe(false); // the jobs in flight still hold it
    hold.open();
    await stopping;
    expect(started).toEqual([1, 2]);
    expect(table.released).toEqual([3, 4]);
    expect([...table.rows.values()].map((row) => [row.id, row.done, row.leasedUntil])).toEqual([
      [1, true, null],
      [2, true, null],
      [3, false, null],
      [4, false, null],
      [5, false, null],
      [6, false, null],
    ]);
  });

  it('retries a failing job on the schedule, waking for its due time rather than the poll', async () => {
    const table = createJobTable();
    table.add(1);
    const schedule = [0.05, 0.1]; // seconds
    const attemptTimes: number[] = [];
    const r = runner(table, {
      perform: async (job) => {
        attemptTimes.push(Date.now());
        const attempts = job.attempts + 1;
        if (attempts === 3) return succeed(job);
        const delay = retryDelayMs(attempts, schedule, { random: () => 0.5 })!;
        return { id: job.id, attempts, retryAt: Date.now() + delay };
      },
    });
    r.start();
    await eventually(() => table.doneCount() === 1);
    expect(attemptTimes).toHaveLength(3);
    expect(attemptTimes[1]! - attemptTimes[0]!).toBeGreaterThanOrEqual(50);
    expect(attemptTimes[2]! - attemptTimes[1]!).toBeGreaterThanOrEqual(100);
    expect(table.rows.get(1)).toMatchObject({ attempts: 3, done: true });
  });

  it('a job whose perform throws keeps its lease until it lapses, then runs again', async () => {
    const table = createJobTable();
    table.add(1);
    let calls = 0;
    const r = runner(table, {
      leaseMs: 100,
      perform: async (job) => {
        if (++calls === 1) throw new Error('the receiver exploded');
        return succeed(job);
      },
    });
    const startedAt = Date.now();
    r.start();
    await eventually(() => table.doneCount() === 1);
    expect(calls).toBe(2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
    expect(logs).toContainEqual(expect.objectContaining({ jobId: 1, msg: expect.stringContaining('retried when its lease expires') }));
  });

  it('runOnce() claims one batch and performs it', async () => {
    const table = createJobTable();
    table.add(5);
    expect(await runner(table, { batchSize: 3 }).runOnce()).toBe(3);
    expect(table.doneCount()).toBe(3);
  });
});
