import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL analyses a table after 10 % of it changed. webhook_messages keeps a month of
 * history, so a burst of pending messages (a receiver down for an hour, a backfill) could wait
 * a long time for fresh statistics, and on stale ones the planner may sort the whole backlog on
 * every claim instead of walking the due index. After 1,000 changed rows autovacuum analyses it
 * at its next round (within a minute by default); analysing samples a bounded number of rows,
 * so this stays cheap however large the history grows. SQLite refreshes its statistics itself
 * (see refreshPlannerStatistics).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE webhook_messages SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000)`.execute(db);
}
