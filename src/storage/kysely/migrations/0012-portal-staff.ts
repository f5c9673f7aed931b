import type { Kysely } from 'kysely';

/**
 * The Portal's staff: users (one client each; email unique across clients, so sign-in needs no
 * tenant picker), their server-side sessions (revocable: deleting the rows signs out), and
 * invitations. Tokens are stored only as SHA-256 hashes. Sessions and invitations expire and are
 * pruned over their expiry indexes; a user's rows go with the user, and everything with its client.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_users_by_client').on('portal_users').columns(['client_id', 'email']).execute();

  await db.schema
    .createTable('portal_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('portal_users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_sessions_by_user').on('portal_sessions').column('user_id').execute();
  await db.schema.createIndex('portal_sessions_by_expiry').on('portal_sessions').column('expires_at').execute();

  await db.schema
    .createTable('portal_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema.createIndex('portal_invitations_by_client').on('portal_invitations').columns(['client_id', 'created']).execute();
  await db.schema.createIndex('portal_invitations_by_expiry').on('portal_invitations').column('expires_at').execute();
}
