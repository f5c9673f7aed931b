import type { Kysely } from 'kysely';
import type { Store } from '../ports.js';
import type { Dialect } from './database.js';
import { createApiKeyRepository } from './repositories/api-keys.js';
import { createClientRepository } from './repositories/clients.js';
import { createCompanyRepository } from './repositories/companies.js';
import { createConnectionRepository } from './repositories/connections.js';
import { createIntegrationSettingsRepository } from './repositories/integration-settings.js';
import { createLinkSettingsRepository } from './repositories/link-settings.js';
import { createLinkEventRepository, createLinkSessionRepository, createOAuthStateRepository, createRateLimitRepository } from './repositories/link-sessions.js';
import { createWebhookOutboxRepository } from './repositories/webhook-outbox.js';
import { createWebhookConsumerRepository } from './repositories/webhook-consumers.js';
import type { Tables } from './tables.js';

/** Builds the repositories over one Kysely handle (the pool, or a transaction). */
export function createStore(db: Kysely<Tables>, dialect: Dialect): Store {
  return {
    clients: createClientRepository(db),
    apiKeys: createApiKeyRepository(db),
    companies: createCompanyRepository(db, dialect),
    connections: createConnectionRepository(db, dialect),
    integrationSettings: createIntegrationSettingsRepository(db),
    webhookConsumers: createWebhookConsumerRepository(db),
    linkSettings: createLinkSettingsRepository(db),
    linkSessions: createLinkSessionRepository(db),
    oauthStates: createOAuthStateRepository(db),
    linkEvents: createLinkEventRepository(db),
    rateLimits: createRateLimitRepository(db),
    webhookOutbox: createWebhookOutboxRepository(db, dialect),
    transaction: (work) =>
      db.isTransaction ? work(createStore(db, dialect)) : db.transaction().execute((trx) => work(createStore(trx, dialect))),
  };
}
