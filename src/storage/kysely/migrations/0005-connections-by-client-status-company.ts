import type { Kysely } from 'kysely';

/**
 * "Does this company already have a Linked accounting connection?" (checked on every connect)
 * filters on company, client, type and status. With only (client_id, status), SQLite's planner
 * chose that index over the company's and read every Linked connection of the client: a cost
 * that grew with the client's success. Ending the index with company_id makes all three columns
 * an exact match, so the check is one seek however many customers are connected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('connections_by_client_status').execute();
  await db.schema.createIndex('connections_by_client_status_company').on('connections').columns(['client_id', 'status', 'company_id']).execute();
}
