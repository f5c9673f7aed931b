import { sql, type Kysely } from 'kysely';

/**
 * The initial schema. Column types are portable between SQLite and PostgreSQL on purpose
 * (text timestamps, integer booleans, JSON as text), so one set of queries serves both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('logo_url', 'text')
    .addColumn('icon_url', 'text')
    .addColumn('redirect_url', 'text', (c) => c.notNull())
    .addColumn('white_list_urls', 'text', (c) => c.notNull())
    .addColumn('cors_allowed_origins', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_keys_by_client').on('api_keys').columns(['client_id', 'created']).execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('last_sync', 'text')
    .addColumn('created_by_user_name', 'text')
    .execute();
  // Finding a customer's existing company by merchant id must be an index lookup.
  await db.schema.createIndex('companies_by_client_name').on('companies').columns(['client_id', 'name']).execute();
  await db.schema.createIndex('companies_by_client_created').on('companies').columns(['client_id', 'created', 'id']).execute();

  await db.schema
    .createTable('company_tags')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_tags_pk', ['company_id', 'tag_key'])
    .execute();
  await db.schema.createIndex('company_tags_lookup').on('company_tags').columns(['client_id', 'tag_key', 'tag_value']).execute();

  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('integration_key', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('last_sync', 'text')
    .addColumn('linked_at', 'text')
    .addColumn('connection_info', 'text')
    .addColumn('data_connection_errors', 'text', (c) => c.notNull())
    .addColumn('credentials_sealed', 'text')
    .execute();
  await db.schema.createIndex('connections_by_company').on('connections').columns(['company_id', 'created', 'id']).execute();
  await db.schema.createIndex('connections_by_client_status').on('connections').columns(['client_id', 'status']).execute();
  // The database itself guarantees one Linked accounting connection per company, across processes.
  await sql`CREATE UNIQUE INDEX connections_one_linked_accounting ON connections (company_id)
            WHERE source_type = 'Accounting' AND status = 'Linked'`.execute(db);

  await db.schema
    .createTable('integration_settings')
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('platform_key', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('oauth_client_id', 'text')
    .addColumn('oauth_client_secret_sealed', 'text')
    .addColumn('scopes', 'text')
    .addColumn('modified', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_settings_pk', ['client_id', 'platform_key'])
    .execute();

  await db.schema
    .createTable('webhook_consumers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('company_tags', 'text')
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_consumers_by_client').on('webhook_consumers').columns(['client_id', 'created']).execute();
}
