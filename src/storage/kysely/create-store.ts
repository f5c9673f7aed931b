import type { Kysely } from 'kysely';
import type { ApiKeyLookupCache } from '../api-key-lookup-cache.js';
import type { Store } from '../ports.js';
import type { Dialect } from './database.js';
import type { CompiledQueryCache } from './precompiled.js';
import type { GroupCommitter } from './sqlite-group-commit.js';
import { createApiKeyRepository } from './repositories/api-keys.js';
import { createClientRepository } from './repositories/clients.js';
import { createCompanyRepository } from './repositories/companies.js';
import { createConnectionRepository } from './repositories/connections.js';
import { createIdempotencyKeyRepository } from './repositories/idempotency-keys.js';
import { createIntegrationSettingsRepository } from './repositories/integration-settings.js';
import { createLinkSettingsRepository } from './repositories/link-settings.js';
import { createLinkEventRepository, createLinkSessionRepository, createOAuthStateRepository, createRateLimitRepository } from './repositories/link-sessions.js';
import { createSandboxGrantRepository } from './repositories/sandbox-grants.js';
import { createCompanyAccessRevocationRepository } from './repositories/company-access-revocations.js';
import { createStaffInvitationRepository, createStaffSessionRepository, createStaffUserRepository } from './repositories/staff.js';
import { createTokenRefreshRepository } from './repositories/token-refresh.js';
import { createWebhookOutboxRepository } from './repositories/webhook-outbox.js';
import { createWebhookConsumerRepository } from './repositories/webhook-consumers.js';
import type { Tables } from './tables.js';

export interface StoreOptions {
  /** Shared by the store and every transaction's store built from it. */
  apiKeyLookups?: ApiKeyLookupCache | undefined;
  /** SQLite: transactions share commits (see sqlite-group-commit.ts). */
  groupCommit?: GroupCommitter | undefined;
  /** Hot queries compiled once for the store and all its transactions (made here when absent). */
  compiledQueries?: CompiledQueryCache | undefined;
}

/** Builds the repositories over one Kysely handle (the pool, or a transaction). */
export function createStore(db: Kysely<Tables>, dialect: Dialect, storeOptions: StoreOptions = {}): Store {
  const options = { ...storeOptions, compiledQueries: storeOptions.compiledQueries ?? new Map() };
  const compiled = options.compiledQueries;
  return {
    clients: createClientRepository(db),
    apiKeys: createApiKeyRepository(db, options.apiKeyLookups),
    companies: createCompanyRepository(db, dialect, compiled),
    connections: createConnectionRepository(db, dialect, compiled),
    integrationSettings: createIntegrationSettingsRepository(db, compiled),
    webhookConsumers: createWebhookConsumerRepository(db, compiled),
    linkSettings: createLinkSettingsRepository(db, compiled),
    linkSessions: createLinkSessionRepository(db, dialect, compiled),
    oauthStates: createOAuthStateRepository(db, dialect, compiled),
    companyAccessRevocations: createCompanyAccessRevocationRepository(db),
    linkEvents: createLinkEventRepository(db, dialect, compiled),
    rateLimits: createRateLimitRepository(db, dialect),
    webhookOutbox: createWebhookOutboxRepository(db, dialect, compiled),
    idempotencyKeys: createIdempotencyKeyRepository(db),
    sandboxGrants: createSandboxGrantRepository(db, dialect, compiled),
    tokenRefresh: createTokenRefreshRepository(db, dialect, compiled),
    staffUsers: createStaffUserRepository(db, dialect),
    staffSessions: createStaffSessionRepository(db, dialect),
    staffInvitations: createStaffInvitationRepository(db, dialect),
    transactionsRunOneAtATime: dialect === 'sqlite',
    transaction: (work) => {
      if (db.isTransaction) return work(createStore(db, dialect, options));
      const inTransaction = (trx: Kysely<Tables>) => work(createStore(trx, dialect, options));
      return options.groupCommit ? options.groupCommit.run(inTransaction) : db.transaction().execute(inTransaction);
    },
  };
}
