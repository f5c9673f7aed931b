/**
 * Outcomes finishing at about the same time are written together: every outcome handed in
 * during one turn of the event loop goes to one `complete` call (one transaction, one commit)
 * instead of one each. One commit per batch is what lets a single SQLite file keep up with
 * thousands of webhook deliveries a second.
 *
 * The promise `record` returns settles when the batch holding its outcome is written (or
 * rejects with the batch's error), so a caller can keep its job's lease until its outcome is
 * durable: a crash before that commit means the job is done again (at-least-once).
 */
export function createOutcomeBatcher<Outcome>(complete: (outcomes: Outcome[]) => Promise<void>): (outcome: Outcome) => Promise<void> {
  let pending: Array<{ outcome: Outcome; done: (error?: unknown) => void }> = [];

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    try {
      await complete(batch.map(({ outcome }) => outcome));
      for (const { done } of batch) done();
    } catch (error) {
      for (const { done } of batch) done(error);
    }
  }

  return (outcome) =>
    new Promise((resolve, reject) => {
      pending.push({ outcome, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (pending.length === 1) setImmediate(() => void flush());
    });
}
