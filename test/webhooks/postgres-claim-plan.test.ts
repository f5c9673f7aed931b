/**
 * PostgreSQL must claim from the front of the due index, whatever the size of the backlog: a
 * plan that sorts every pending message costs a claim time proportional to the backlog, which
 * is largest exactly when a receiver has been down and deliveries need to catch up.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueMessages } from '../../src/storage/kysely/repositories/webhook-outbox-claim.js';
import { at, openWebhookTestDb, type WebhookTestDb } from './support.js';

describe('PostgreSQL webhook claim plan', () => {
  let hooks: WebhookTestDb;

  beforeAll(async () => {
    hooks = await openWebhookTestDb('postgres');
    const client = await hooks.seedClient();
    const consumer = await hooks.seedConsumer(client.id);
    const disabled = await hooks.seedConsumer(client.id, { disabled: true });
    const first = await hooks.seedMessage(consumer);
    await hooks.seedMessage(disabled);
    // A backlog of 5,000 pending messages, one second apart, copied from the first.
    await sql`
      INSERT INTO webhook_messages (id, client_id, consumer_id, event_id, event_type, status, attempt_count, next_attempt_at, locked_until, last_attempt_at, created)
      SELECT 'msg_backlog_' || g, client_id, consumer_id, event_id, event_type, status, attempt_count,
             to_char(timestamptz '2024-06-01T12:00:00Z' + g * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             NULL, NULL, created
      FROM webhook_messages, generate_series(1, 5000) AS g WHERE id = ${first.id}`.execute(hooks.database.db);
    await sql`ANALYZE webhook_messages`.execute(hooks.database.db);
  });
  afterAll(async () => {
    await hooks?.close();
  });

  it('walks the due index in order and stops after the batch, skipping disabled consumers', async () => {
    const query = dueMessages(hooks.database.db, 'postgres', at(6000), 64).compile();
    const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql.replace(/\$(\d+)/g, (_, n) => literal(query.parameters[Number(n) - 1]))}`).execute(hooks.database.db);
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using webhook_messages_due/);
    expect(text).not.toMatch(/Sort/);
    expect(text).not.toMatch(/Seq Scan on webhook_messages/);

    const claimed = await hooks.store.webhookOutbox.claimDue(at(6000), at(6060), 64);
    expect(claimed).toHaveLength(64);
    expect(claimed.every((c) => !c.consumer.disabled)).toBe(true);
    const due = claimed.map((c) => c.message.nextAttemptAt!);
    expect(due).toEqual([...due].sort());
  });

  it('has autovacuum analyse the table after 1,000 changes, not 10 % of its history (migration 0006)', async () => {
    const { rows } = await sql<{ reloptions: string[] | null }>`SELECT reloptions FROM pg_class WHERE relname = 'webhook_messages'`.execute(hooks.database.db);
    expect(rows[0]?.reloptions).toEqual(expect.arrayContaining(['autovacuum_analyze_scale_factor=0', 'autovacuum_analyze_threshold=1000']));
  });
});

function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}
