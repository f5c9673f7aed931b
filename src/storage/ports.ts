import type { ApiKey, Client } from '../domain/client.js';
import type { Company } from '../domain/company.js';
import type { Connection } from '../domain/connection.js';
import type { IntegrationSettings } from '../domain/integration-settings.js';
import type { QueryNode } from '../domain/query/index.js';
import type { LinkSettings } from '../domain/link/link-settings.js';
import type { LinkEvent, LinkSession, OAuthState } from '../domain/link/link-session.js';
import type { WebhookConsumer } from '../domain/webhook-consumer.js';

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
  delete(clientId: string, id: string): Promise<boolean>;
}

export interface CompanyListOptions extends ListOptions {
  tagsFilter?: QueryNode | undefined;
}

export interface CompanyRepository {
  insert(company: Company): Promise<void>;
  findById(clientId: string, id: string): Promise<Company | undefined>;
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
  delete(clientId: string, companyId: string, id: string): Promise<boolean>;
  hasLinkedAccounting(clientId: string, companyId: string, exceptId?: string): Promise<boolean>;
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
  delete(clientId: string, id: string): Promise<boolean>;
}

export interface LinkSettingsRepository {
  find(clientId: string): Promise<Partial<LinkSettings> | undefined>;
  save(clientId: string, settings: LinkSettings, modified: string): Promise<void>;
}

export interface LinkSessionRepository {
  insert(session: LinkSession): Promise<void>;
  find(id: string): Promise<LinkSession | undefined>;
  attachCompany(id: string, companyId: string): Promise<void>;
}

export interface OAuthStateRepository {
  insert(state: OAuthState): Promise<void>;
  /** Reads a state without consuming it, to find the session it must be bound to. */
  find(id: string): Promise<OAuthState | undefined>;
  /**
   * Atomically marks the state consumed and returns it, or undefined when it is unknown,
   * expired or already used: a replayed callback finds nothing.
   */
  consume(id: string, sessionId: string, now: string): Promise<OAuthState | undefined>;
}

export interface LinkEventRepository {
  insert(event: LinkEvent): Promise<void>;
  listForSession(sessionId: string): Promise<LinkEvent[]>;
}

export interface RateLimitRepository {
  /** Counts one hit in a fixed window and returns the hits so far in that window. */
  hit(bucket: string, windowStart: string): Promise<number>;
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
  linkEvents: LinkEventRepository;
  rateLimits: RateLimitRepository;
  /** Runs `work` in one database transaction; the store passed in is bound to it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}
