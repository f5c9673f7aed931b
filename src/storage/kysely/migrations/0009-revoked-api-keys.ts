import type { Kysely } from 'kysely';

/**
 * The hashes of deleted (revoked) API keys, so a revoked key stays revoked: a restart with the
 * same DOORWAY_API_KEY must not bring it back. Only the SHA-256 hash is kept, as for live keys.
 * No foreign key to clients: a revocation outlives its client.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('revoked_api_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('revoked', 'text', (c) => c.notNull())
    .execute();
}
