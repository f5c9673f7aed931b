import type { Kysely } from 'kysely';

/**
 * The Link pruner deletes, in small batches oldest first, expired sessions and OAuth states,
 * rate-limit windows that have passed and funnel events past their retention: each batch walks
 * one of these indexes instead of scanning its table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('link_sessions_by_expiry').on('link_sessions').column('expires_at').execute();
  await db.schema.createIndex('oauth_states_by_expiry').on('oauth_states').column('expires_at').execute();
  await db.schema.createIndex('link_events_by_created').on('link_events').column('created').execute();
  await db.schema.createIndex('rate_limits_by_window').on('rate_limits').column('window_start').execute();
}
