import type { Kysely } from 'kysely';

/**
 * Embedded Link (docs/embedded-link.md):
 *
 * - `link_sessions.embed`: JSON `{origin, options}` for a session opened by the Link SDK with a
 *   company access token (null for Hosted Link). `origin` is the page's origin, the only one the
 *   popup's result is posted to; `options` is what the mount's props narrow.
 * - `oauth_states.browser_hash`: an embedded session is bound to its access token, not to a
 *   cookie, so the popup (or the full-page round trip) that runs the platform's authorization is
 *   bound to its own browser cookie here when it starts; the callback must come back with it.
 * - `oauth_states.return_url`: the client's page a full-page round trip returns to (null: popup
 *   or Hosted Link).
 * - `company_access_token_revocations`: `DELETE /companies/{id}/accessToken` refuses every token
 *   for the company issued before `not_before`. The tokens stay stateless signed claims; one row
 *   per company that ever revoked, deleted with the company.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('link_sessions').addColumn('embed', 'text').execute();
  await db.schema.alterTable('oauth_states').addColumn('browser_hash', 'text').execute();
  await db.schema.alterTable('oauth_states').addColumn('return_url', 'text').execute();
  await db.schema
    .createTable('company_access_token_revocations')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .execute();
}
