import type { Kysely } from 'kysely';

/**
 * Grants of the built-in Sandbox authorization server. Its tokens stay signed claims, but each
 * names a grant here: a refresh compares-and-swaps `refresh_generation` (so a retired or
 * concurrently used refresh token loses), revocation sets `revoked_at`, and the API checks the
 * grant by primary key. The OAuth client is the Sandbox's app, not a Doorway tenant: no foreign
 * key. Pruning walks the expiry index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('oauth_client_id', 'text', (c) => c.notNull())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('refresh_generation', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sandbox_grants_by_expiry').on('sandbox_grants').column('expires_at').execute();
}
