import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { MessageStatus, WebhookAttempt, WebhookEvent, WebhookMessage } from '../../../domain/webhook-message.js';
import type { ClaimedMessage, WebhookOutboxRepository } from '../../ports.js';
import type { Dialect } from '../database.js';
import { chunks, inTransaction } from '../leases.js';
import { pageWithTotal } from '../page-query.js';
import { compilerFor, precompiledInsert, type CompiledQueryCache } from '../precompiled.js';
import { createWebhookClaim, IS_PENDING, toMessage } from './webhook-outbox-claim.js';
import type { Tables, WebhookAttemptsTable, WebhookEventsTable } from '../tables.js';

/**
 * The webhook outbox: events, the messages workers claim, and the attempt log.
 * - Claiming (`webhook-outbox-claim.ts`) is one conditional UPDATE of `locked_until` (the
 *   lease), with `FOR UPDATE … SKIP LOCKED` on PostgreSQL; recording outcomes ends the leases.
 * - A disabled or deleted consumer's messages are never claimed, so they stay put until the
 *   consumer is re-enabled, or until `prune` removes them with the rest of the old data.
 */

/** The earliest moment a pending message can be claimed: due, and not under someone's lease. */
const CLAIMABLE_AT = sql<string>`CASE WHEN m.locked_until IS NOT NULL AND m.locked_until > m.next_attempt_at THEN m.locked_until ELSE m.next_attempt_at END`;

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;
/** Rows per statement that lists ids or CASE branches (attempts, outcomes, releases). */
const ID_CHUNK = 100;

function toAttempt(row: Selectable<WebhookAttemptsTable>): WebhookAttempt {
  return {
    id: row.id,
    clientId: row.client_id,
    messageId: row.message_id,
    attemptedAt: row.attempted_at,
    statusCode: row.status_code === null ? null : Number(row.status_code),
    latencyMs: Number(row.latency_ms),
    responseSnippet: row.response_snippet,
    succeeded: Number(row.succeeded) === 1,
  };
}

function toEvent(row: Selectable<WebhookEventsTable>): WebhookEvent {
  return { id: row.id, clientId: row.client_id, eventType: row.event_type, companyId: row.company_id, body: row.body, created: row.created };
}

export function createWebhookOutboxRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): WebhookOutboxRepository {
  // One event per state change, inside the change's transaction: compiled once for all of them.
  const insertEvents = precompiledInsert<Tables, Insertable<WebhookEventsTable>>(
    db,
    'webhook_events',
    ['id', 'client_id', 'event_type', 'company_id', 'body', 'created'],
    compiled,
  );
  const insertAttempts = precompiledInsert<Tables, Insertable<WebhookAttemptsTable>>(
    db,
    'webhook_attempts',
    ['id', 'client_id', 'message_id', 'attempted_at', 'status_code', 'latency_ms', 'response_snippet', 'succeeded'],
    compiled,
  );
  // The worker's statements on every claim and every batch of outcomes: compiled once.
  const claimDue = createWebhookClaim(db, dialect, compiled);
  const compile = compilerFor(db, 'webhook_outbox', compiled);
  const recordOutcome = compile.named('recordOutcome', ['id', 'status', 'attemptCount', 'nextAttemptAt', 'lastAttemptAt'], (q, p) =>
    q
      .updateTable('webhook_messages')
      .set({ status: p.status, attempt_count: p.attemptCount as unknown as number, next_attempt_at: p.nextAttemptAt, last_attempt_at: p.lastAttemptAt, locked_until: null })
      .where('id', '=', p.id),
  );
  return {
    async insertEvent(event) {
      await insertEvents([
        { id: event.id, client_id: event.clientId, event_type: event.eventType, company_id: event.companyId, body: event.body, created: event.created },
      ]);
    },

    async insertMessages(messages) {
      for (const chunk of chunks(messages, INSERT_CHUNK)) {
        const rows = chunk.map((message) => ({
          id: message.id,
          client_id: message.clientId,
          consumer_id: message.consumerId,
          event_id: message.eventId,
          event_type: message.eventType,
          status: message.status,
          attempt_count: message.attemptCount,
          next_attempt_at: message.nextAttemptAt,
          locked_until: null,
          last_attempt_at: message.lastAttemptAt,
          created: message.created,
        }));
        await db.insertInto('webhook_messages').values(rows).execute();
      }
    },

    claimDue,

    async recordAttempts(attempts) {
      // One multi-row INSERT per batch; chunked to stay far below SQLite's bound-parameter limit.
      for (const chunk of chunks(attempts, ID_CHUNK)) {
        await insertAttempts(
          chunk.map((attempt) => ({
            id: attempt.id,
            client_id: attempt.clientId,
            message_id: attempt.messageId,
            attempted_at: attempt.attemptedAt,
            status_code: attempt.statusCode,
            latency_ms: Math.round(attempt.latencyMs),
            response_snippet: attempt.responseSnippet,
            succeeded: attempt.succeeded ? 1 : 0,
          })),
        );
      }
    },

    async releaseAllLeases() {
      const result = await db.updateTable('webhook_messages').set({ locked_until: null }).where('locked_until', 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async releaseLeases(messageIds) {
      for (const chunk of chunks(messageIds, ID_CHUNK)) {
        await db.updateTable('webhook_messages').set({ locked_until: null }).where('id', 'in', chunk).execute();
      }
    },

    async updateAfterAttempts(messages) {
      // SQLite runs in-process: one compiled UPDATE per message costs microseconds, where building
      // and compiling a CASE statement for every batch cost more than running it.
      if (dialect === 'sqlite') {
        for (const m of messages) {
          await recordOutcome({ id: m.id, status: m.status, attemptCount: m.attemptCount, nextAttemptAt: m.nextAttemptAt, lastAttemptAt: m.lastAttemptAt });
        }
        return;
      }
      // PostgreSQL: one UPDATE per chunk with a CASE per column, so a batch of outcomes is one
      // round trip, not one per message. Casts keep it from guessing parameter types inside CASE.
      for (const chunk of chunks(messages, ID_CHUNK)) {
        const cases = <T>(value: (m: WebhookMessage) => T, type: 'text' | 'integer') =>
          sql<T>`CASE id ${sql.join(chunk.map((m) => sql`WHEN ${m.id} THEN CAST(${value(m)} AS ${sql.raw(type)})`), sql` `)} END`;
        await db
          .updateTable('webhook_messages')
          .set({
            status: cases((m) => m.status, 'text'),
            attempt_count: cases((m) => m.attemptCount, 'integer'),
            next_attempt_at: cases((m) => m.nextAttemptAt, 'text'),
            last_attempt_at: cases((m) => m.lastAttemptAt, 'text'),
            locked_until: null,
          })
          .where('id', 'in', chunk.map((m) => m.id))
          .execute();
      }
    },

    async findMessage(clientId, id) {
      const row = await db.selectFrom('webhook_messages').selectAll().where('id', '=', id).where('client_id', '=', clientId).executeTakeFirst();
      return row && toMessage(row);
    },

    async findEventBody(eventId) {
      const row = await db.selectFrom('webhook_events').select('body').where('id', '=', eventId).executeTakeFirst();
      return row?.body;
    },

    async listMessages(clientId, consumerId, options) {
      let query = db.selectFrom('webhook_messages').where('client_id', '=', clientId).where('consumer_id', '=', consumerId);
      if (options.status !== undefined) query = query.where('status', '=', options.status);
      const { rows, total } = await pageWithTotal(
        options,
        (window) => query.selectAll().orderBy('created', 'desc').orderBy('id', 'desc').offset(window.offset).limit(window.limit).execute(),
        async () => (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );
      return { items: rows.map(toMessage), total };
    },

    async listCompanyEvents(clientId, companyId, page) {
      // The (client_id, company_id, created, id) index of migration 0013, walked backwards.
      const query = db.selectFrom('webhook_events').where('client_id', '=', clientId).where('company_id', '=', companyId);
      const { rows, total } = await pageWithTotal(
        page,
        (window) => query.selectAll().orderBy('created', 'desc').orderBy('id', 'desc').offset(window.offset).limit(window.limit).execute(),
        async () => (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );
      return { items: rows.map(toEvent), total };
    },

    async listAttempts(clientId, messageId) {
      const rows = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('client_id', '=', clientId)
        .where('message_id', '=', messageId)
        .orderBy('attempted_at')
        .orderBy('id')
        .execute();
      return rows.map(toAttempt);
    },

    async resend(clientId, id, now) {
      // attempt_count is kept: a manual resend is one more attempt, not a fresh retry schedule.
      const result = await db
        .updateTable('webhook_messages')
        .set({
          status: sql<string>`CASE WHEN attempt_count = 0 THEN 'Sending' ELSE 'Attempting' END`,
          next_attempt_at: now,
          locked_until: null,
        })
        .where('id', '=', id)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recoverFailed(clientId, consumerId, since, now) {
      const result = await db
        .updateTable('webhook_messages')
        .set({ status: 'Attempting', next_attempt_at: now, locked_until: null })
        .where('client_id', '=', clientId)
        .where('consumer_id', '=', consumerId)
        .where('status', '=', 'Failure')
        .where('created', '>=', since)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async prune(before) {
      return inTransaction(db, async (trx) => {
        // Attempts are never older than their message, so "attempts of old messages" covers
        // every old attempt, through the message_id index.
        const old = trx.selectFrom('webhook_messages').select('id').where('created', '<', before);
        await trx.deleteFrom('webhook_attempts').where('message_id', 'in', old).execute();
        const deleted = await trx.deleteFrom('webhook_messages').where('created', '<', before).executeTakeFirst();
        // An old event stays while any message still needs its body (a replay of it, say).
        // PostgreSQL plans NOT EXISTS as one hash anti-join; SQLite would run it as a correlated
        // scan per event (event_id is not indexed), but hashes a NOT IN list once.
        let events = trx.deleteFrom('webhook_events as e').where('e.created', '<', before);
        events =
          dialect === 'postgres'
            ? events.where((eb) => eb.not(eb.exists(eb.selectFrom('webhook_messages as m').select('m.id').whereRef('m.event_id', '=', 'e.id'))))
            : events.where('e.id', 'not in', trx.selectFrom('webhook_messages').select('event_id'));
        await events.execute();
        return Number(deleted.numDeletedRows);
      });
    },

    async nextDueAt() {
      const row = await db
        .selectFrom('webhook_messages as m')
        .innerJoin('webhook_consumers as c', 'c.id', 'm.consumer_id')
        .select(sql<string | null>`MIN(${CLAIMABLE_AT})`.as('due'))
        .where(IS_PENDING)
        .where('m.next_attempt_at', 'is not', null)
        .where('c.disabled', '=', 0)
        .executeTakeFirst();
      return row?.due ?? undefined;
    },
  };
}

