import type { Kysely, Selectable } from 'kysely';
import type { IdempotencyRecord, IdempotencyStatus } from '../../../domain/idempotency.js';
import type { IdempotencyKeyRepository } from '../../ports.js';
import type { IdempotencyKeysTable, Tables } from '../tables.js';

const toRecord = (row: Selectable<IdempotencyKeysTable>): IdempotencyRecord => ({
  clientId: row.client_id,
  key: row.key,
  requestHash: row.request_hash,
  status: row.status as IdempotencyStatus,
  responseStatus: row.response_status === null ? null : Number(row.response_status),
  responseBody: row.response_body,
  created: row.created,
  expires: row.expires,
});

export function createIdempotencyKeyRepository(db: Kysely<Tables>): IdempotencyKeyRepository {
  const find = (clientId: string, key: string) =>
    db.selectFrom('idempotency_keys').selectAll().where('client_id', '=', clientId).where('key', '=', key).executeTakeFirst();

  return {
    async claim(record, now) {
      // A live record answers without a write (a replay takes no lock). Otherwise one upsert: it inserts, or takes over an expired record, or changes nothing
      // (then returns no row). On PostgreSQL a concurrent claim of the same key waits for this
      // one's row lock, so exactly one of them wins, in any number of processes.
      const live = await find(record.clientId, record.key);
      if (live && live.expires > now) return { claimed: false, existing: toRecord(live) };
      for (;;) {
        const values = {
          request_hash: record.requestHash,
          status: record.status,
          response_status: record.responseStatus,
          response_body: record.responseBody,
          created: record.created,
          expires: record.expires,
        };
        const won = await db
          .insertInto('idempotency_keys')
          .values({ client_id: record.clientId, key: record.key, ...values })
          .onConflict((oc) => oc.columns(['client_id', 'key']).doUpdateSet(values).where('idempotency_keys.expires', '<=', now))
          .returning('created')
          .executeTakeFirst();
        if (won) return { claimed: true };
        const existing = await find(record.clientId, record.key);
        // Released between the two statements (its request failed): claim again.
        if (existing) return { claimed: false, existing: toRecord(existing) };
      }
    },
    async complete(clientId, key, claimCreated, response, expires) {
      const result = await db
        .updateTable('idempotency_keys')
        .set({ status: 'done', response_status: response.status, response_body: response.body, expires })
        .where('client_id', '=', clientId)
        .where('key', '=', key)
        .where('created', '=', claimCreated)
        .where('status', '=', 'in-progress')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(clientId, key, claimCreated) {
      await db
        .deleteFrom('idempotency_keys')
        .where('client_id', '=', clientId)
        .where('key', '=', key)
        .where('created', '=', claimCreated)
        .where('status', '=', 'in-progress')
        .execute();
    },
    async releaseAllClaims() {
      const result = await db.deleteFrom('idempotency_keys').where('status', '=', 'in-progress').executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async prune(now) {
      const result = await db.deleteFrom('idempotency_keys').where('expires', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
