import { sql, type Kysely } from 'kysely';

/**
 * When each Linked OAuth connection's tokens fall due for a refresh, who holds the lease to
 * refresh them, and how refreshing has gone lately.
 *
 * A table of its own, keyed by connection id, rather than columns on `connections`: only OAuth
 * connections that are Linked have a row (a credentials form never refreshes), the background
 * job rewrites this state on every claim and refresh while `connections` is the API's hot,
 * wide row (rewriting it would churn its indexes and its one-Linked-accounting unique index),
 * and the due index then covers refreshable connections only. The row goes with its connection
 * (ON DELETE CASCADE) and is deleted when the connection leaves Linked.
 *
 * Times are ISO text like everywhere else. `due_at` NULL: nothing to schedule (a token without
 * expiry on a platform whose refresh tokens never idle out). The lease is `lease_until` (see
 * storage/kysely/leases.ts) plus `lease_owner`, the holder's token, so only the holder can
 * record the outcome. `failure_days` counts the distinct UTC days with a failed refresh since
 * `failing_since`; `last_failure_day` (YYYY-MM-DD) tells a new day from the same one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connection_token_refresh')
    .addColumn('connection_id', 'text', (c) => c.primaryKey().references('connections.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('last_refreshed_at', 'text')
    .addColumn('failing_since', 'text')
    .addColumn('failure_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure_day', 'text')
    .addColumn('last_error', 'text')
    .execute();
  // Claiming due rows walks this index in due order and stops after the batch; rows with nothing
  // scheduled are left out of it.
  await sql`CREATE INDEX connection_token_refresh_due ON connection_token_refresh (due_at) WHERE due_at IS NOT NULL`.execute(db);
  // Connections Linked before this migration: due now and never refreshed (NULL), so the job looks
  // at each once, forgets credential forms and gives OAuth ones their schedule (refreshing only a
  // token that is due, or one whose refresh token may idle out: its age is unknown).
  const now = new Date().toISOString();
  await sql`INSERT INTO connection_token_refresh (connection_id, client_id, company_id, due_at, failure_days)
    SELECT id, client_id, company_id, ${now}, 0 FROM connections WHERE status = 'Linked' AND credentials_sealed IS NOT NULL`.execute(db);
}
