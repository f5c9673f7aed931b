import { sql, type Kysely, type Selectable } from 'kysely';
import type { MessageStatus, WebhookMessage } from '../../../domain/webhook-message.js';
import type { ClaimedMessage } from '../../ports.js';
import type { Dialect } from '../database.js';
import { inTransaction, isUnleased, skippingLockedRows } from '../leases.js';
import { compilerFor, type CompiledQueryCache } from '../precompiled.js';
import { toConsumer } from './webhook-consumers.js';
import type { Tables, WebhookConsumersTable, WebhookMessagesTable } from '../tables.js';

/**
 * Claiming due webhook messages: one conditional UPDATE of `locked_until` (the lease, see
 * `leases.ts`). PostgreSQL adds `FOR UPDATE … SKIP LOCKED` so concurrent workers take disjoint
 * rows without waiting, and does the whole claim in one statement; SQLite serialises writers
 * anyway (and the data-dir lock keeps it to one process), and its reads cost no round trips.
 * A disabled or deleted consumer's messages are never claimed.
 */

/** Written as a literal, not a bound parameter, so both planners can use the partial index. */
export const IS_PENDING = sql<boolean>`m.status IN ('Sending', 'Attempting')`;

export function toMessage(row: Selectable<WebhookMessagesTable>): WebhookMessage {
  return {
    id: row.id,
    clientId: row.client_id,
    consumerId: row.consumer_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status as MessageStatus,
    attemptCount: Number(row.attempt_count),
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    created: row.created,
  };
}

/** Consumer columns as `c_<column>` beside a claimed message's own columns. */
const CONSUMER_COLUMNS = [
  'id',
  'client_id',
  'url',
  'disabled',
  'event_types',
  'company_tags',
  'secret_sealed',
  'previous_secret_sealed',
  'previous_secret_expires_at',
  'failing_since',
  'disabled_reason',
  'created',
  'modified',
] as const satisfies readonly (keyof WebhookConsumersTable)[];

/**
 * The ids of up to `limit` due messages, oldest due first, skipping messages under a lease and
 * messages of disabled or deleted consumers. The consumer is checked per message rather than
 * joined: the join let PostgreSQL's planner combine the consumer index with the due index and
 * sort the whole backlog (6 ms per claim at 10,000 pending, growing with the backlog), where a
 * filter on one table leaves it the due index in order, stopping after `limit` rows (0.07 ms).
 */
export function dueMessages(db: Kysely<Tables>, dialect: Dialect, now: string, limit: number) {
  const due = db
    .selectFrom('webhook_messages as m')
    .select('m.id')
    .where(IS_PENDING)
    .where('m.next_attempt_at', '<=', now)
    .where((eb) => isUnleased(eb, 'm.locked_until', now))
    // Per message, not a join or IN (which the planner turns into one): a deleted consumer
    // yields NULL and a disabled one 1, so neither's messages are claimed.
    .where((eb) => eb(eb.selectFrom('webhook_consumers as c').select('c.disabled').whereRef('c.id', '=', 'm.consumer_id'), '=', 0))
    .orderBy('m.next_attempt_at')
    .limit(limit);
  return skippingLockedRows(due, dialect, 'm');
}

/**
 * PostgreSQL: the whole claim as one statement (pick due rows, skipping rows other workers hold;
 * lease them; return them with their event body and consumer). The worker claims in a loop, and
 * as a transaction of five round trips the claim, not the sending, set the pace (a claim of 64
 * took 11-28 ms while the 64 deliveries it fed finished within it). One round trip, one snapshot.
 */
async function claimInOneStatement(db: Kysely<Tables>, now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> {
  const rows = await db
    .with('due', () => dueMessages(db, 'postgres', now, limit))
    .with('claimed', (q) =>
      q
        .updateTable('webhook_messages')
        .set({ locked_until: leaseUntil })
        .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
        .returningAll(),
    )
    .selectFrom('claimed')
    .innerJoin('webhook_events as e', 'e.id', 'claimed.event_id')
    .innerJoin('webhook_consumers as c', 'c.id', 'claimed.consumer_id')
    .selectAll('claimed')
    .select('e.body as event_body')
    .select(CONSUMER_COLUMNS.map((column) => `c.${column} as c_${column}` as const))
    .orderBy('claimed.next_attempt_at')
    .orderBy('claimed.id')
    .execute();
  return rows.map((row) => {
    const columns = row as unknown as Record<string, unknown>;
    const consumer = Object.fromEntries(CONSUMER_COLUMNS.map((column) => [column, columns[`c_${column}`]])) as unknown as Selectable<WebhookConsumersTable>;
    return { message: toMessage(row), body: row.event_body, consumer: toConsumer(consumer) };
  });
}

/** The claim the outbox repository exposes as `claimDue`, its statements compiled once. */
export function createWebhookClaim(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache) {
  // Bound to the claim's own transaction, whose handle is new every time; compiled once all the same.
  const leaseDue = (trx: Kysely<Tables>) =>
    compilerFor(trx, 'webhook_outbox', compiled).named('leaseDue', ['now', 'leaseUntil', 'limit'], (q, p) =>
      q
        .updateTable('webhook_messages')
        .set({ locked_until: p.leaseUntil })
        .where('id', 'in', dueMessages(q, dialect, p.now, p.limit as unknown as number))
        .returningAll(),
    );
  return async function claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> {
    if (limit <= 0) return [];
    if (dialect === 'postgres' && !db.isTransaction) return claimInOneStatement(db, now, leaseUntil, limit);
    return inTransaction(db, async (trx) => {
      const { rows } = await leaseDue(trx)({ now, leaseUntil, limit });
      if (rows.length === 0) return [];

      const eventIds = [...new Set(rows.map((row) => row.event_id))];
      const consumerIds = [...new Set(rows.map((row) => row.consumer_id))];
      // Two batch reads for the whole claim (a transaction's queries run one at a time anyway).
      const events = await trx.selectFrom('webhook_events').select(['id', 'body']).where('id', 'in', eventIds).execute();
      const consumers = await trx.selectFrom('webhook_consumers').selectAll().where('id', 'in', consumerIds).execute();
      const bodies = new Map(events.map((event) => [event.id, event.body]));
      const consumersById = new Map(consumers.map((row) => [row.id, toConsumer(row)]));

      const claimed: ClaimedMessage[] = [];
      for (const row of rows) {
        const body = bodies.get(row.event_id);
        const consumer = consumersById.get(row.consumer_id);
        // Only possible if the event row was deleted by hand: skipped, and seen again after the lease.
        if (body === undefined || consumer === undefined) continue;
        claimed.push({ message: toMessage(row), body, consumer });
      }
      // RETURNING has no defined order; deliver the longest-waiting first.
      return claimed.sort((a, b) => compare(a.message.nextAttemptAt ?? '', b.message.nextAttemptAt ?? '') || compare(a.message.id, b.message.id));
    });
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
