import type { Kysely } from 'kysely';
import type { ApiKeyRepository } from '../../ports.js';
import type { ApiKeyLookupCache } from '../../api-key-lookup-cache.js';
import { countOwned, deleteOwned } from '../owned-rows.js';
import { precompiled } from '../precompiled.js';
import type { Tables } from '../tables.js';

export function createApiKeyRepository(db: Kysely<Tables>, cache?: ApiKeyLookupCache): ApiKeyRepository {
  const clientIdByHash = precompiled(db, (q) => q.selectFrom('api_keys').select('client_id').where('key_hash', '=', ''));
  return {
    async insert(key, keyHash) {
      await db
        .insertInto('api_keys')
        .values({ id: key.id, client_id: key.clientId, name: key.name, key_hash: keyHash, key_hint: key.keyHint, created: key.created })
        .execute();
    },
    async findClientIdByHash(keyHash) {
      const cached = cache?.get(keyHash);
      if (cached !== undefined) return cached;
      const clientId = (await clientIdByHash(keyHash))[0]?.client_id;
      if (clientId !== undefined) cache?.remember(keyHash, clientId);
      return clientId;
    },
    async list(clientId) {
      const rows = await db.selectFrom('api_keys').selectAll().where('client_id', '=', clientId).orderBy('created').orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, clientId: row.client_id, name: row.name, keyHint: row.key_hint, created: row.created }));
    },
    count: (clientId) => countOwned(db, 'api_keys', clientId),
    async revoke(clientId, id, revokedAt) {
      // Recorded first, in the caller's transaction, so the key is never gone without its record.
      await db
        .insertInto('revoked_api_keys')
        .columns(['key_hash', 'client_id', 'revoked'])
        .expression((eb) => eb.selectFrom('api_keys').select(['key_hash', 'client_id', eb.cast<string>(eb.val(revokedAt), 'text').as('revoked')]).where('id', '=', id).where('client_id', '=', clientId))
        .onConflict((oc) => oc.column('key_hash').doNothing())
        .execute();
      const deleted = await deleteOwned(db, 'api_keys', clientId, id);
      // After the delete, so a lookup racing it cannot put the key back.
      cache?.forgetClient(clientId);
      return deleted;
    },
    async isRevoked(keyHash) {
      return (await db.selectFrom('revoked_api_keys').select('key_hash').where('key_hash', '=', keyHash).executeTakeFirst()) !== undefined;
    },
  };
}
