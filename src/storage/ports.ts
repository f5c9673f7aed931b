import type { ApiKey, Client } from '../domain/client.js';
import type { Company } from '../domain/company.js';
import type { Connection, ConnectionStatus } from '../domain/connection.js';
import type { IdempotencyRecord } from '../domain/idempotency.js';
import type { IntegrationSettings } from '../domain/integration-settings.js';
import type { SandboxGrant } from '../domain/sandbox-grant.js';
import type { QueryNode } from '../domain/query/index.js';
import type {
  CompanyAccessRevocationRepository,
  LinkEventRepository,
  LinkSessionRepository,
  LinkSettingsRepository,
  OAuthStateRepository,
  RateLimitRepository,
} from './link-ports.js';
import type { WebhookConsumer } from '../domain/webhook-consumer.js';
import type { TokenRefreshState } from '../domain/token-refresh.js';
import type { StaffInvitationRepository, StaffSessionRepository, StaffUserRepository } from './portal-ports.js';
export type { StaffInvitationRepository, StaffSessionRepository, StaffUserRepository } from './portal-ports.js';
export type {
  CompanyAccessRevocationRepository,
  LinkEventRepository,
  LinkSessionRepository,
  LinkSettingsRepository,
  OAuthStateRepository,
  RateLimitRepository,
} from './link-ports.js';
import type { MessageStatus, WebhookAttempt, WebhookEvent, WebhookMessage } from '../domain/webhook-message.js';

/**
 * What services need from storage, in domain terms. Every read and write is scoped by clientId:
 * another tenant's row is simply not found.
 */
export interface OrderBy {
  field: string;
  descending: boolean;
}

export interface ListOptions {
  filter?: QueryNode | undefined;
  orderBy?: OrderBy | undefined;
  offset: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ClientRepository {
  insert(client: Client): Promise<void>;
  findById(id: string): Promise<Client | undefined>;
  findBySlug(slug: string): Promise<Client | undefined>;
  count(): Promise<number>;
  update(client: Client): Promise<void>;
}

export interface ApiKeyRepository {
  insert(key: ApiKey, keyHash: string): Promise<void>;
  /** The clientId owning this key hash, if any: the per-request authentication lookup. */
  findClientIdByHash(keyHash: string): Promise<string | undefined>;
  list(clientId: string): Promise<ApiKey[]>;
  count(clientId: string): Promise<number>;
  /** Deletes the key and records its hash as revoked (`isRevoked`), at `revokedAt`; run in a transaction. */
  revoke(clientId: string, id: string, revokedAt: string): Promise<boolean>;
  /** Whether a key with this hash was revoked: such a key is never created again. */
  isRevoked(keyHash: string): Promise<boolean>;
}

export interface CompanyListOptions extends ListOptions {
  tagsFilter?: QueryNode | undefined;
  /** A folded term (domain/company-search.ts `searchTerm`): a substring of the name or of any tag key or value. */
  search?: string | undefined;
  /** Companies with at least one connection in this status, or ('none') with no connection at all. */
  connectionStatus?: ConnectionStatus | 'none' | undefined;
}

export interface CompanyRepository {
  insert(company: Company): Promise<void>;
  findById(clientId: string, id: string): Promise<Company | undefined>;
  /** The company and its connections in creation order, in one read (the `GET /companies/{id}` path). */
  findWithConnections(clientId: string, id: string): Promise<{ company: Company; connections: Connection[] } | undefined>;
  /** For public Link URLs, where the (unguessable) company id itself establishes the tenant. */
  findForLink(id: string): Promise<Company | undefined>;
  update(company: Company): Promise<void>;
  delete(clientId: string, id: string): Promise<boolean>;
  list(clientId: string, options: CompanyListOptions): Promise<Page<Company>>;
}

export interface ConnectionRepository {
  insert(connection: Connection): Promise<void>;
  findById(clientId: string, companyId: string, id: string): Promise<Connection | undefined>;
  listForCompanies(clientId: string, companyIds: readonly string[]): Promise<Connection[]>;
  list(clientId: string, companyId: string, options: ListOptions): Promise<Page<Connection>>;
  update(connection: Connection): Promise<void>;
  saveCredentials(clientId: string, id: string, sealed: string): Promise<void>;
  readCredentials(clientId: string, id: string): Promise<string | null>;
  /**
   * The connection and its sealed credentials in one read (the access-token and proxy path: a
   * connection row implies its company, which its foreign key keeps). Undefined when not found.
   */
  findWithCredentials(clientId: string, companyId: string, id: string): Promise<{ connection: Connection; sealed: string | null } | undefined>;
  /**
   * Stores `sealed` only while the connection is Linked and still holds `expectedSealed`, in one
   * conditional UPDATE (atomic on PostgreSQL too): a refresh that finishes after an unlink erased
   * the tokens, or after a reconnect stored a new grant's, must not write its own over them.
   */
  replaceCredentials(clientId: string, id: string, expectedSealed: string, sealed: string): Promise<boolean>;
  /** Unlink: the sealed credentials are gone (NULL); the connection and its connectionInfo stay. */
  eraseCredentials(clientId: string, id: string): Promise<void>;
  delete(clientId: string, companyId: string, id: string): Promise<boolean>;
  hasLinkedAccounting(clientId: string, companyId: string, exceptId?: string): Promise<boolean>;
  /**
   * Every client's connections in id order, `limit` at a time after the id `afterId` (keyset
   * paging, so an export never holds all rows): each with its company's name and sealed
   * credentials. Operator use only; it crosses tenants.
   */
  pageAcrossClients(afterId: string | null, limit: number): Promise<ExportedConnectionRow[]>;
}

export interface ExportedConnectionRow {
  connection: Connection;
  companyName: string;
  credentialsSealed: string | null;
}

export interface IntegrationSettingsRepository {
  list(clientId: string): Promise<IntegrationSettings[]>;
  find(clientId: string, platformKey: string): Promise<IntegrationSettings | undefined>;
  upsert(settings: IntegrationSettings): Promise<void>;
}

export interface WebhookConsumerRepository {
  insert(consumer: WebhookConsumer): Promise<void>;
  list(clientId: string): Promise<WebhookConsumer[]>;
  count(clientId: string): Promise<number>;
  findById(clientId: string, id: string): Promise<WebhookConsumer | undefined>;
  /** For the delivery worker, which serves every client. */
  findByIdUnscoped(id: string): Promise<WebhookConsumer | undefined>;
  update(consumer: WebhookConsumer): Promise<void>;
  delete(clientId: string, id: string): Promise<boolean>;
}

/** A message a worker has leased for delivery, with everything needed to send it. */
export interface ClaimedMessage {
  message: WebhookMessage;
  body: string;
  consumer: WebhookConsumer;
}

export interface WebhookOutboxRepository {
  insertEvent(event: WebhookEvent): Promise<void>;
  insertMessages(messages: WebhookMessage[]): Promise<void>;
  /**
   * Leases up to `limit` due messages of enabled consumers until `leaseUntil`. Safe with many
   * workers on PostgreSQL (FOR UPDATE SKIP LOCKED); a lease that expires (worker died) makes the
   * message claimable again, which is what gives at-least-once delivery.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]>;
  recordAttempts(attempts: readonly WebhookAttempt[]): Promise<void>;
  /** Stores the outcome of attempts and releases their leases (one statement per chunk). */
  updateAfterAttempts(messages: readonly WebhookMessage[]): Promise<void>;
  findMessage(clientId: string, id: string): Promise<WebhookMessage | undefined>;
  findEventBody(eventId: string): Promise<string | undefined>;
  listMessages(clientId: string, consumerId: string, options: { status?: MessageStatus | undefined; offset: number; limit: number }): Promise<Page<WebhookMessage>>;
  listAttempts(clientId: string, messageId: string): Promise<WebhookAttempt[]>;
  /** Makes one message due now again (manual resend); returns false if it is unknown. */
  resend(clientId: string, id: string, now: string): Promise<boolean>;
  /** Makes every failed message of a consumer since `since` due again; returns how many. */
  recoverFailed(clientId: string, consumerId: string, since: string, now: string): Promise<number>;
  /** A company's events (the outbox's rendered bodies), newest first: the Portal's event history. */
  listCompanyEvents(clientId: string, companyId: string, page: { offset: number; limit: number }): Promise<Page<WebhookEvent>>;
  /** Deletes messages, attempts and events older than `before`; returns messages deleted. */
  prune(before: string): Promise<number>;
  /**
   * Clears every lease. Only for a process that owns the database alone (SQLite, under the
   * data-directory lock): leases found at start-up belong to a process that died.
   */
  releaseAllLeases(): Promise<number>;
  /** Hands claimed but unsent messages back (a worker stopping), so any worker may send them now. */
  releaseLeases(messageIds: readonly string[]): Promise<void>;
  /** Earliest next attempt of a pending message, so an idle worker knows when to wake. */
  nextDueAt(): Promise<string | undefined>;
}

/**
 * Each Linked OAuth connection's refresh schedule and lease. A lease (`leaseUntil` + `leaseOwner`)
 * is what makes one refresh per connection at a time across processes: whoever holds it may
 * spend the refresh token; everyone else waits for the stored result.
 */
export interface TokenRefreshRepository {
  /** Starts (or restarts) a connection's bookkeeping, dropping any lease: call it in the transaction that Links it. */
  initialise(state: TokenRefreshState): Promise<void>;
  find(connectionId: string): Promise<TokenRefreshState | undefined>;
  /** Forgets a connection that left Linked (the row also goes with its connection). */
  delete(connectionId: string): Promise<void>;
  /** Takes the lease until `until` when nobody holds it at `now` (or `owner` already does); false otherwise. */
  acquireLease(connectionId: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Leases up to `limit` rows due at `now` to `owner` (SKIP LOCKED on PostgreSQL), earliest due first. */
  claimDue(owner: string, now: string, until: string, limit: number): Promise<TokenRefreshState[]>;
  /**
   * Stores the state after an attempt and ends the lease; call it in the transaction that stores
   * the tokens. False when another owner holds an unexpired lease (nothing is written then).
   */
  complete(state: TokenRefreshState, owner: string, now: string): Promise<boolean>;
  /** Ends `owner`'s leases on these rows without recording anything (claimed, never started). */
  releaseLeases(connectionIds: readonly string[], owner: string): Promise<void>;
  /** Clears every lease: only for a process that owns the database alone (SQLite, at start-up). */
  releaseAllLeases(): Promise<number>;
  /** The earliest due time of any row, so an idle job knows when to wake. */
  nextDueAt(): Promise<string | undefined>;
  /**
   * Every connection of the company (creation order) with its refresh row, if it has one, and its
   * sealed credentials, whose access-token expiry only a service can open: the Company page's
   * token health in one read.
   */
  listForCompany(clientId: string, companyId: string): Promise<ConnectionTokenRecord[]>;
}

export interface ConnectionTokenRecord {
  connectionId: string;
  /** Undefined: nothing to refresh (not Linked, or a credentials form). */
  state: TokenRefreshState | undefined;
  sealedCredentials: string | null;
}

/** The outcome of claiming a key: ours now, or the record of the request that holds it. */
export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

export interface IdempotencyKeyRepository {
  /**
   * Claims (clientId, key) for a request: inserts an in-progress record, or takes over a record
   * whose `expires` has passed (a lapsed lease, or an answer past retention). Otherwise returns
   * the record that holds the key. Atomic across processes (one upsert on the primary key).
   */
  claim(record: IdempotencyRecord, now: string): Promise<IdempotencyClaim>;
  /**
   * Stores the answer of the claim taken at `claimCreated`; call it in the write's transaction.
   * False when that claim is gone (its lease lapsed and another request took the key).
   */
  complete(clientId: string, key: string, claimCreated: string, response: { status: number; body: string }, expires: string): Promise<boolean>;
  /** Frees a claim whose request failed (nothing was written), so a retry runs again. */
  release(clientId: string, key: string, claimCreated: string): Promise<void>;
  /** Deletes records whose `expires` is before `now`; returns how many. */
  prune(now: string): Promise<number>;
  /**
   * Frees every in-progress claim. Only for a process that owns the database alone (SQLite, under
   * the data-directory lock): claims found at start-up belong to requests of a process that died.
   */
  releaseAllClaims(): Promise<number>;
}

/** The built-in Sandbox authorization server's grants (not tenant data: no clientId scope). */
export interface SandboxGrantRepository {
  insert(grant: SandboxGrant): Promise<void>;
  /** One primary-key read: what checks an access token against its grant. */
  findById(id: string): Promise<SandboxGrant | undefined>;
  /**
   * Compare-and-swap of the refresh generation: moves it from `fromGeneration` to the next and
   * pushes `expiresAt` out, only if the grant is still at that generation, not revoked and not
   * expired at `now`. True for exactly one of any number of concurrent calls.
   */
  rotate(id: string, fromGeneration: number, expiresAt: string, now: string): Promise<boolean>;
  /** Marks the grant revoked; false when it is unknown or already revoked. */
  revoke(id: string, revokedAt: string): Promise<boolean>;
  /** Deletes up to `limit` grants that expired before `now` (revoked or not); returns how many. */
  deleteExpired(now: string, limit: number): Promise<number>;
}

export interface Store {
  clients: ClientRepository;
  apiKeys: ApiKeyRepository;
  companies: CompanyRepository;
  connections: ConnectionRepository;
  integrationSettings: IntegrationSettingsRepository;
  webhookConsumers: WebhookConsumerRepository;
  linkSettings: LinkSettingsRepository;
  linkSessions: LinkSessionRepository;
  oauthStates: OAuthStateRepository;
  companyAccessRevocations: CompanyAccessRevocationRepository;
  linkEvents: LinkEventRepository;
  rateLimits: RateLimitRepository;
  webhookOutbox: WebhookOutboxRepository;
  idempotencyKeys: IdempotencyKeyRepository;
  sandboxGrants: SandboxGrantRepository;
  tokenRefresh: TokenRefreshRepository;
  staffUsers: StaffUserRepository;
  staffSessions: StaffSessionRepository;
  staffInvitations: StaffInvitationRepository;
  /**
   * True where transactions never overlap (SQLite: one connection; with group commit each runs
   * alone in its SAVEPOINT): a row written in one is never seen half-done by another.
   */
  readonly transactionsRunOneAtATime: boolean;
  /** Runs `work` in one database transaction; the store passed in is bound to it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}
