import type { Kysely, Selectable } from 'kysely';
import type { SandboxGrant } from '../../../domain/sandbox-grant.js';
import type { SandboxGrantRepository } from '../../ports.js';
import { deleteBatchBefore } from '../batched-delete.js';
import type { Dialect } from '../database.js';
import { compilerFor, type CompiledQueryCache } from '../precompiled.js';
import type { SandboxGrantsTable, Tables } from '../tables.js';

const toGrant = (row: Selectable<SandboxGrantsTable>): SandboxGrant => ({
  id: row.id,
  oauthClientId: row.oauth_client_id,
  dataset: row.dataset,
  scope: row.scope,
  // PostgreSQL's integer comes back as a number, SQLite's too; Number() keeps both honest.
  refreshGeneration: Number(row.refresh_generation),
  created: row.created,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export function createSandboxGrantRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): SandboxGrantRepository {
  // Every Sandbox refresh reads its grant and swaps its generation: compiled once.
  const compile = compilerFor(db, 'sandboxGrants', compiled);
  const byId = compile.query('findById', (q) => q.selectFrom('sandbox_grants').selectAll().where('id', '=', ''));
  const swapGeneration = compile.named('rotate', ['id', 'from', 'to', 'expiresAt', 'now'], (q, p) =>
    q
      .updateTable('sandbox_grants')
      .set({ refresh_generation: p.to as unknown as number, expires_at: p.expiresAt })
      .where('id', '=', p.id)
      .where('refresh_generation', '=', p.from as unknown as number)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', p.now),
  );
  return {
    async insert(grant) {
      await db
        .insertInto('sandbox_grants')
        .values({
          id: grant.id,
          oauth_client_id: grant.oauthClientId,
          dataset: grant.dataset,
          scope: grant.scope,
          refresh_generation: grant.refreshGeneration,
          created: grant.created,
          expires_at: grant.expiresAt,
          revoked_at: grant.revokedAt,
        })
        .execute();
    },
    async findById(id) {
      const [row] = await byId(id);
      return row && toGrant(row);
    },
    async rotate(id, fromGeneration, expiresAt, now) {
      // One conditional UPDATE is the compare-and-swap: of two uses of the same refresh token,
      // the second finds the generation already moved on and changes nothing (on PostgreSQL it
      // waits for the first's row lock, then re-checks the WHERE against the committed row).
      const { changed } = await swapGeneration({ id, from: fromGeneration, to: fromGeneration + 1, expiresAt, now });
      return changed === 1;
    },
    async revoke(id, revokedAt) {
      const result = await db.updateTable('sandbox_grants').set({ revoked_at: revokedAt }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    deleteExpired: (now, limit) => deleteBatchBefore(db, dialect, { table: 'sandbox_grants', key: 'id', column: 'expires_at' }, now, limit),
  };
}
