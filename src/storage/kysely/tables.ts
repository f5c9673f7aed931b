import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row shapes exactly as stored. Both dialects use the same portable column types:
 * timestamps are ISO-8601 UTC text (sorts lexicographically), booleans are 0/1 integers and
 * structured values are JSON text. Repositories map rows to domain objects.
 */
export interface ClientsTable {
  id: string;
  name: string;
  slug: string;
  logo_url: string | null;
  icon_url: string | null;
  redirect_url: string;
  white_list_urls: string; // JSON string[]
  cors_allowed_origins: string; // JSON string[]
  created: string;
  modified: string;
}

export interface ApiKeysTable {
  id: string;
  client_id: string;
  name: string | null;
  key_hash: string;
  key_hint: string;
  created: string;
}

export interface RevokedApiKeysTable {
  key_hash: string;
  client_id: string;
  revoked: string;
}

export interface CompaniesTable {
  id: string;
  client_id: string;
  name: string;
  description: string | null;
  tags: string; // JSON object, the source of truth for rendering
  created: string;
  modified: string;
  last_sync: string | null;
  created_by_user_name: string | null;
  /** The name and tags folded for the Portal's search (domain/company-search.ts); '' until written. */
  search_text: Generated<string>;
}

/** One row per tag so that `tags=uid=123` is an indexed lookup, never a JSON scan. */
export interface CompanyTagsTable {
  company_id: string;
  client_id: string;
  tag_key: string;
  tag_value: string;
}

export interface ConnectionsTable {
  id: string;
  client_id: string;
  company_id: string;
  integration_key: string;
  source_type: string;
  status: string;
  created: string;
  modified: string;
  last_sync: string | null;
  linked_at: string | null;
  connection_info: string | null; // JSON object
  data_connection_errors: string; // JSON array
  credentials_sealed: string | null; // AES-256-GCM, see security/secret-box.ts
}

export interface IntegrationSettingsTable {
  client_id: string;
  platform_key: string;
  enabled: number;
  oauth_client_id: string | null;
  oauth_client_secret_sealed: string | null;
  scopes: string | null; // JSON string[]; null means the provider's defaults
  modified: string;
}

export interface WebhookConsumersTable {
  id: string;
  client_id: string;
  url: string;
  disabled: number;
  event_types: string; // JSON string[]
  company_tags: string | null; // JSON string[]
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: string | null;
  failing_since: string | null;
  disabled_reason: string | null;
  created: string;
  modified: string;
}

export interface WebhookEventsTable {
  id: string;
  client_id: string;
  event_type: string;
  company_id: string | null;
  body: string;
  created: string;
}

export interface WebhookMessagesTable {
  id: string;
  client_id: string;
  consumer_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  locked_until: string | null;
  last_attempt_at: string | null;
  created: string;
}

export interface WebhookAttemptsTable {
  id: string;
  client_id: string;
  message_id: string;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  response_snippet: string;
  succeeded: number;
}

export interface LinkSettingsTable {
  client_id: string;
  settings: string; // JSON LinkSettings
  modified: string;
}

export interface LinkSessionsTable {
  id: string;
  client_id: string;
  company_id: string | null;
  browser_hash: string; // SHA-256 of the HttpOnly browser cookie the session is bound to
  params: string; // JSON: the Link URL's query (custom redirect placeholders, link.* options)
  created: string;
  expires_at: string;
  embed: string | null; // JSON LinkEmbedding: the Link SDK's page origin and narrowing options
}

export interface OAuthStatesTable {
  id: string;
  client_id: string;
  company_id: string;
  connection_id: string;
  session_id: string;
  code_verifier_sealed: string | null;
  created: string;
  expires_at: string;
  consumed_at: string | null;
  browser_hash: string | null; // embedded sessions: the popup's browser cookie, bound when it starts
  return_url: string | null; // embedded full-page round trip: the client's page to return to
}

export interface CompanyAccessTokenRevocationsTable {
  company_id: string;
  client_id: string;
  not_before: string;
}

export interface LinkEventsTable {
  id: string;
  client_id: string;
  company_id: string | null;
  session_id: string | null;
  connection_id: string | null;
  platform_key: string | null;
  source_type: string | null;
  type: string;
  detail: string | null;
  created: string;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: string;
  hits: number;
}

export interface IdempotencyKeysTable {
  client_id: string;
  key: string;
  request_hash: string;
  status: string; // 'in-progress' | 'done'
  response_status: number | null;
  response_body: string | null;
  created: string;
  expires: string;
}

export interface SandboxGrantsTable {
  id: string;
  oauth_client_id: string;
  dataset: string;
  scope: string;
  refresh_generation: number;
  created: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ConnectionTokenRefreshTable {
  connection_id: string;
  client_id: string;
  company_id: string;
  due_at: string | null;
  lease_until: string | null;
  lease_owner: string | null;
  last_refreshed_at: string | null;
  failing_since: string | null;
  failure_days: number;
  last_failure_day: string | null;
  last_error: string | null;
}

export interface PortalUsersTable {
  id: string;
  client_id: string;
  email: string;
  password_hash: string;
  role: string;
  created: string;
  modified: string;
}

export interface PortalSessionsTable {
  id_hash: string;
  user_id: string;
  client_id: string;
  csrf_token: string;
  created: string;
  last_seen: string;
  expires_at: string;
}

export interface PortalInvitationsTable {
  id: string;
  token_hash: string;
  client_id: string;
  email: string;
  role: string;
  invited_by: string;
  created: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface Tables {
  clients: ClientsTable;
  api_keys: ApiKeysTable;
  revoked_api_keys: RevokedApiKeysTable;
  companies: CompaniesTable;
  company_tags: CompanyTagsTable;
  connections: ConnectionsTable;
  integration_settings: IntegrationSettingsTable;
  webhook_consumers: WebhookConsumersTable;
  link_settings: LinkSettingsTable;
  link_sessions: LinkSessionsTable;
  oauth_states: OAuthStatesTable;
  link_events: LinkEventsTable;
  rate_limits: RateLimitsTable;
  webhook_events: WebhookEventsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_attempts: WebhookAttemptsTable;
  idempotency_keys: IdempotencyKeysTable;
  sandbox_grants: SandboxGrantsTable;
  company_access_token_revocations: CompanyAccessTokenRevocationsTable;
  connection_token_refresh: ConnectionTokenRefreshTable;
  portal_users: PortalUsersTable;
  portal_sessions: PortalSessionsTable;
  portal_invitations: PortalInvitationsTable;
}

export type ClientRow = Selectable<ClientsTable>;
export type CompanyRow = Selectable<CompaniesTable>;
export type ConnectionRow = Selectable<ConnectionsTable>;
export type NewConnectionRow = Insertable<ConnectionsTable>;
export type ConnectionUpdate = Updateable<ConnectionsTable>;
