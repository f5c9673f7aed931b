import { sql, type Kysely } from 'kysely';

/**
 * The transactional outbox and delivery log. Events are written in the same transaction as the
 * change that caused them; messages (one per matching consumer) are what workers claim.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_events_by_client').on('webhook_events').columns(['client_id', 'created']).execute();

  await db.schema
    .createTable('webhook_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('consumer_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempt_count', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  // Workers look only at pending messages, by due time: a small partial index.
  await sql`CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_at) WHERE status IN ('Sending', 'Attempting')`.execute(db);
  await db.schema.createIndex('webhook_messages_by_consumer').on('webhook_messages').columns(['consumer_id', 'created']).execute();
  await db.schema.createIndex('webhook_messages_by_created').on('webhook_messages').columns(['created']).execute();
  // Pruning keeps an event while any message still refers to it.
  await db.schema.createIndex('webhook_messages_by_event').on('webhook_messages').columns(['event_id']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('response_snippet', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_attempts_by_message').on('webhook_attempts').columns(['message_id', 'attempted_at']).execute();

  await db.schema.alterTable('webhook_consumers').addColumn('previous_secret_sealed', 'text').execute();
  await db.schema.alterTable('webhook_consumers').addColumn('previous_secret_expires_at', 'text').execute();
  await db.schema.alterTable('webhook_consumers').addColumn('failing_since', 'text').execute();
  await db.schema.alterTable('webhook_consumers').addColumn('disabled_reason', 'text').execute();
}
