import type { Kysely } from 'kysely';

/**
 * `query=name=M-123` orders by (created, id). With only (client_id, name), SQLite's planner
 * preferred the (client_id, created, id) index to avoid a sort and scanned every company of the
 * client. Covering the order in the name index makes the lookup an index seek on both databases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('companies_by_client_name').execute();
  await db.schema.createIndex('companies_by_client_name').on('companies').columns(['client_id', 'name', 'created', 'id']).execute();
}
