import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { createOutcomeBatcher } from './outcome-batcher.js';

/**
 * The background loop every leased job shares (webhook delivery; token refresh next): claim due
 * jobs under a lease, perform them with bounded concurrency, write their outcomes in batches,
 * sleep until more work is due or `wake()` says some was committed, and stop cleanly.
 * - Where the jobs live is the caller's: `claim` reserves up to `limit` due jobs until
 *   `lease.until` (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so many processes take disjoint
 *   jobs), `complete` writes a batch of outcomes and ends their leases in one transaction, and
 *   `release` ends the leases of jobs handed back unstarted.
 * - At-least-once: a job's lease ends only with the commit of its outcome. A process that dies
 *   before it leaves a lease that expires, and the job is claimed again.
 * - Retrying is the outcome's business: a failed job's outcome says when it falls due again
 *   (see `retry-schedule.ts`), and `nextDueAt` lets the loop wake for it.
 * - A job whose `perform` throws, or answers no outcome, keeps its lease until it lapses.
 */
export interface Lease {
  now: Date;
  until: Date;
}

export interface LeasedJobRunnerOptions<Job, Outcome> {
  /** The jobs in log messages, plural: "webhook messages". */
  name: string;
  clock: Clock;
  log: Logger;
  claim(limit: number, lease: Lease): Promise<Job[]>;
  /** Does the job; its outcome is handed to `complete` with others finishing at the same time. */
  perform(job: Job): Promise<Outcome | undefined>;
  complete(outcomes: Outcome[]): Promise<void>;
  /** Ends the leases of claimed jobs that were never started (on stop). */
  release(jobs: Job[]): Promise<void>;
  /** When the earliest job falls due (undefined: none pending), so a retry is not left to the next poll. */
  nextDueAt?(): Promise<Date | undefined>;
  /** Runs when a claim found less than it asked for, before the loop sleeps (housekeeping such as pruning). */
  onIdle?(): Promise<void>;
  /** Log fields naming a job. */
  describe?(job: Job): Record<string, unknown>;
  /** Jobs performed at once. */
  concurrency?: number | undefined;
  /** Most jobs claimed by one query. */
  batchSize?: number | undefined;
  /**
   * How long a claimed job stays reserved. A claimed job may wait for a slot as long as a job
   * takes, and then take as long itself: this must exceed twice the longest job comfortably.
   */
  leaseMs?: number | undefined;
  /** Longest idle wait: bounds the delay for work committed by other processes (no `wake()`). */
  idlePollMs?: number | undefined;
}

export interface LeasedJobRunner {
  /** Starts the background loop (idempotent). */
  start(): void;
  /** Stops claiming, hands back claimed jobs not yet started, and waits for the ones in flight to be recorded. */
  stop(): Promise<void>;
  /** New work was committed: claim now instead of at the next poll. */
  wake(): void;
  /** Claims one batch and performs it, resolving with how many jobs were claimed (tests). */
  runOnce(): Promise<number>;
}

/** Floor for idle waits, so a due time in the past (another process's lease) cannot spin the loop. */
const MIN_IDLE_WAIT_MS = 10;
/** Back-off after the database itself failed (e.g. PostgreSQL restarting). */
const ERROR_BACKOFF_MS = 1000;

export function createLeasedJobRunner<Job, Outcome>(options: LeasedJobRunnerOptions<Job, Outcome>): LeasedJobRunner {
  const { name, clock, log } = options;
  const concurrency = Math.max(1, options.concurrency ?? 32);
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const leaseMs = options.leaseMs ?? 60_000;
  const idlePollMs = options.idlePollMs ?? 250;
  const describe = options.describe ?? (() => ({}));
  const record = createOutcomeBatcher(options.complete);

  function claim(limit: number): Promise<Job[]> {
    const now = clock.now();
    return options.claim(limit, { now, until: new Date(now.getTime() + leaseMs) });
  }

  /** Errors past the claim must not kill the loop; the lease covers them. */
  async function performSafely(job: Job): Promise<void> {
    try {
      const outcome = await options.perform(job);
      if (outcome !== undefined) await record(outcome);
    } catch (error) {
      log.error({ err: error, ...describe(job) }, `performing or recording one of the ${name} failed; it is retried when its lease expires`);
    }
  }

  async function idle(): Promise<void> {
    try {
      await options.onIdle?.();
    } catch (error) {
      log.error({ err: error }, `housekeeping of the ${name} failed`);
    }
  }

  /** Until the next job falls due, but never longer than `idlePollMs`. */
  async function idleWaitMs(): Promise<number> {
    if (!options.nextDueAt) return idlePollMs;
    try {
      const due = await options.nextDueAt();
      if (due === undefined) return idlePollMs;
      return Math.min(idlePollMs, Math.max(MIN_IDLE_WAIT_MS, due.getTime() - clock.now().getTime()));
    } catch (error) {
      log.error({ err: error }, `reading when the next of the ${name} falls due failed`);
      return ERROR_BACKOFF_MS;
    }
  }

  // The loop sleeps in `pause`; `notify` (wake(), a finished job, stop()) ends the sleep
  // early, and a notification arriving while the loop is busy makes the next pause return at once.
  let notified = false;
  let interrupt: (() => void) | undefined;
  function notify(): void {
    notified = true;
    interrupt?.();
  }
  function pause(ms: number): Promise<void> {
    if (notified) {
      notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        interrupt = undefined;
        notified = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
    });
  }

  let running = false;
  let loop: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();
  /**
   * Claimed, waiting for a free slot. Claiming takes several database round trips; with nothing
   * claimed ahead the slots sat idle during every claim (PostgreSQL ran webhook delivery at a
   * fifth of its concurrency). At most `concurrency` wait, so each starts within one job's
   * duration, far inside its lease.
   */
  const ready: Job[] = [];

  function startJobs(): void {
    while (running && inFlight.size < concurrency && ready.length > 0) {
      const job: Promise<void> = performSafely(ready.shift()!).finally(() => {
        inFlight.delete(job);
        startJobs();
        notify();
      });
      inFlight.add(job);
    }
  }

  async function run(): Promise<void> {
    while (running) {
      const room = 2 * concurrency - inFlight.size - ready.length;
      // Claim in batches of at least half the room: claiming each freed slot on its own made the
      // claim, not the work, the bottleneck.
      if (room < Math.ceil(concurrency / 2)) {
        await pause(idlePollMs); // a finishing job notifies
        continue;
      }
      const wanted = Math.min(batchSize, room);
      let claimed: Job[];
      try {
        claimed = await claim(wanted);
      } catch (error) {
        log.error({ err: error }, `claiming ${name} failed`);
        await pause(ERROR_BACKOFF_MS);
        continue;
      }
      ready.push(...claimed);
      startJobs();
      if (claimed.length === wanted) continue; // probably more due: claim again straight away
      await idle();
      if (running) await pause(await idleWaitMs());
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run().catch((error: unknown) => log.error({ err: error }, `the loop performing ${name} crashed`));
    },
    async stop() {
      running = false;
      notify();
      await loop;
      loop = undefined;
      // Claimed but not started: handed back at once rather than held until their leases lapse,
      // so a restart or another process takes them without waiting (and shutdown is not slowed).
      const unstarted = ready.splice(0);
      if (unstarted.length > 0) {
        await options.release(unstarted).catch((error: unknown) => {
          log.error({ err: error, jobs: unstarted.length }, `releasing unstarted ${name} failed; they are claimed again when their leases lapse`);
        });
      }
      await Promise.allSettled([...inFlight]);
    },
    wake: notify,
    async runOnce() {
      const claimed = await claim(batchSize);
      let next = 0;
      const lane = async () => {
        while (next < claimed.length) await performSafely(claimed[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
      return claimed.length;
    },
  };
}
