import type { Kysely, Selectable } from 'kysely';
import type { WebhookConsumer } from '../../../domain/webhook-consumer.js';
import type { WebhookConsumerRepository } from '../../ports.js';
import { fromJson, toJson } from '../json.js';
import { countOwned, deleteOwned } from '../owned-rows.js';
import { precompiled, type CompiledQueryCache } from '../precompiled.js';
import type { Tables, WebhookConsumersTable } from '../tables.js';

export function toConsumer(row: Selectable<WebhookConsumersTable>): WebhookConsumer {
  return {
    id: row.id,
    clientId: row.client_id,
    url: row.url,
    disabled: row.disabled === 1,
    eventTypes: fromJson<string[]>(row.event_types, []),
    companyTags: fromJson<string[] | null>(row.company_tags, null),
    secretSealed: row.secret_sealed,
    previousSecretSealed: row.previous_secret_sealed,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    failingSince: row.failing_since,
    disabledReason: row.disabled_reason,
    created: row.created,
    modified: row.modified,
  };
}

/** The mutable columns, shared by insert and update so the mapping exists once. */
function columns(consumer: WebhookConsumer) {
  return {
    url: consumer.url,
    disabled: consumer.disabled ? 1 : 0,
    event_types: toJson(consumer.eventTypes),
    company_tags: consumer.companyTags === null ? null : toJson(consumer.companyTags),
    secret_sealed: consumer.secretSealed,
    previous_secret_sealed: consumer.previousSecretSealed,
    previous_secret_expires_at: consumer.previousSecretExpiresAt,
    failing_since: consumer.failingSince,
    disabled_reason: consumer.disabledReason,
    modified: consumer.modified,
  };
}

export function createWebhookConsumerRepository(db: Kysely<Tables>, compiled?: CompiledQueryCache): WebhookConsumerRepository {
  // Every published event reads its client's consumers (the outbox fan-out): compiled once.
  const ofClient = precompiled(
    db,
    (q) => q.selectFrom('webhook_consumers').selectAll().where('client_id', '=', '').orderBy('created').orderBy('id'),
    compiled && { cache: compiled, key: 'webhook_consumers.ofClient' },
  );
  return {
    async insert(consumer) {
      await db.insertInto('webhook_consumers').values({ id: consumer.id, client_id: consumer.clientId, created: consumer.created, ...columns(consumer) }).execute();
    },
    async list(clientId) {
      return (await ofClient(clientId)).map(toConsumer);
    },
    count: (clientId) => countOwned(db, 'webhook_consumers', clientId),
    async findById(clientId, id) {
      const row = await db.selectFrom('webhook_consumers').selectAll().where('id', '=', id).where('client_id', '=', clientId).executeTakeFirst();
      return row && toConsumer(row);
    },
    async update(consumer) {
      await db.updateTable('webhook_consumers').set(columns(consumer)).where('id', '=', consumer.id).where('client_id', '=', consumer.clientId).execute();
    },
    async findByIdUnscoped(id) {
      const row = await db.selectFrom('webhook_consumers').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toConsumer(row);
    },
    delete: (clientId, id) => deleteOwned(db, 'webhook_consumers', clientId, id),
  };
}
