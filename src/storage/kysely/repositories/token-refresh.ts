import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { TokenRefreshState } from '../../../domain/token-refresh.js';
import type { TokenRefreshRepository } from '../../ports.js';
import type { Dialect } from '../database.js';
import { inTransaction, isUnleased, skippingLockedRows } from '../leases.js';
import { compilerFor, type CompiledQueryCache } from '../precompiled.js';
import type { ConnectionTokenRefreshTable, Tables } from '../tables.js';

/**
 * Token-refresh bookkeeping (migration 0010). The lease is `lease_until` (leases.ts) with the
 * holder's token in `lease_owner`: acquiring it is one conditional UPDATE, so of any number of
 * processes exactly one gets it, and the background job's claim takes the very same lease.
 */

const toState = (row: Selectable<ConnectionTokenRefreshTable>): TokenRefreshState => ({
  connectionId: row.connection_id,
  clientId: row.client_id,
  companyId: row.company_id,
  dueAt: row.due_at,
  leaseUntil: row.lease_until,
  leaseOwner: row.lease_owner,
  lastRefreshedAt: row.last_refreshed_at,
  failingSince: row.failing_since,
  failureDays: Number(row.failure_days),
  lastFailureDay: row.last_failure_day,
  lastError: row.last_error,
});

const stateColumns = (state: TokenRefreshState) => ({
  due_at: state.dueAt,
  last_refreshed_at: state.lastRefreshedAt,
  failing_since: state.failingSince,
  failure_days: state.failureDays,
  last_failure_day: state.lastFailureDay,
  last_error: state.lastError,
});

const REFRESH_COLUMNS = [
  'connection_id',
  'client_id',
  'company_id',
  'due_at',
  'lease_until',
  'lease_owner',
  'last_refreshed_at',
  'failing_since',
  'failure_days',
  'last_failure_day',
  'last_error',
] as const;
type RefreshRow = Selectable<ConnectionTokenRefreshTable>;
type PrefixedRefresh = { [K in (typeof REFRESH_COLUMNS)[number] as `r_${K}`]: RefreshRow[K] | null };

/** The refresh half of a connections ⟕ connection_token_refresh row, for rows where the join found one. */
function refreshPart(row: PrefixedRefresh): RefreshRow {
  const part: Record<string, unknown> = {};
  for (const column of REFRESH_COLUMNS) part[column] = row[`r_${column}`];
  return part as unknown as RefreshRow;
}

type RefreshRows = ExpressionBuilder<Tables, 'connection_token_refresh'>;
/** Nobody else holds the lease at `now`: free, lapsed, or already `owner`'s. */
const leaseAvailableTo = (eb: RefreshRows, owner: string, now: string) => eb.or([isUnleased(eb, 'lease_until', now), eb('lease_owner', '=', owner)]);

export function createTokenRefreshRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): TokenRefreshRepository {
  // Every refresh reads its row and ends its lease; with thousands due at once the builder's
  // work would cost more than the indexed statements themselves: compiled once.
  const compile = compilerFor(db, 'tokenRefresh', compiled);
  const byId = compile.query('find', (q) => q.selectFrom('connection_token_refresh').selectAll().where('connection_id', '=', ''));
  const acquire = compile.named('acquireLease', ['id', 'owner', 'now', 'until'], (q, p) =>
    q
      .updateTable('connection_token_refresh')
      .set({ lease_until: p.until, lease_owner: p.owner })
      .where('connection_id', '=', p.id)
      .where((eb) => leaseAvailableTo(eb, p.owner, p.now)),
  );
  const completeRow = compile.named(
    'complete',
    ['id', 'owner', 'now', 'dueAt', 'lastRefreshedAt', 'failingSince', 'failureDays', 'lastFailureDay', 'lastError'],
    (q, p) =>
      q
        .updateTable('connection_token_refresh')
        .set({
          due_at: p.dueAt,
          last_refreshed_at: p.lastRefreshedAt,
          failing_since: p.failingSince,
          failure_days: p.failureDays as unknown as number,
          last_failure_day: p.lastFailureDay,
          last_error: p.lastError,
          lease_until: null,
          lease_owner: null,
        })
        .where('connection_id', '=', p.id)
        .where((eb) => leaseAvailableTo(eb, p.owner, p.now)),
  );
  return {
    async initialise(state) {
      const values = { ...stateColumns(state), client_id: state.clientId, company_id: state.companyId, lease_until: null, lease_owner: null };
      await db
        .insertInto('connection_token_refresh')
        .values({ connection_id: state.connectionId, ...values })
        .onConflict((oc) => oc.column('connection_id').doUpdateSet(values))
        .execute();
    },
    async find(connectionId) {
      const [row] = await byId(connectionId);
      return row ? toState(row) : undefined;
    },
    async delete(connectionId) {
      await db.deleteFrom('connection_token_refresh').where('connection_id', '=', connectionId).execute();
    },
    async acquireLease(connectionId, owner, now, until) {
      return (await acquire({ id: connectionId, owner, now, until })).changed === 1;
    },
    async claimDue(owner, now, until, limit) {
      if (limit <= 0) return [];
      const due = (q: Kysely<Tables>) =>
        skippingLockedRows(
          q
            .selectFrom('connection_token_refresh')
            .select('connection_id')
            .where('due_at', 'is not', null)
            .where('due_at', '<=', now)
            .where((eb) => isUnleased(eb, 'lease_until', now))
            .orderBy('due_at')
            .limit(limit),
          dialect,
          'connection_token_refresh',
        );
      const rows = await inTransaction(db, (trx) =>
        trx
          .updateTable('connection_token_refresh')
          .set({ lease_until: until, lease_owner: owner })
          .where('connection_id', 'in', due(trx))
          .returningAll()
          .execute(),
      );
      // RETURNING has no defined order: earliest due first.
      return rows.map(toState).sort((a, b) => ((a.dueAt ?? '') < (b.dueAt ?? '') ? -1 : (a.dueAt ?? '') > (b.dueAt ?? '') ? 1 : 0));
    },
    async complete(state, owner, now) {
      const { changed } = await completeRow({
        id: state.connectionId,
        owner,
        now,
        dueAt: state.dueAt,
        lastRefreshedAt: state.lastRefreshedAt,
        failingSince: state.failingSince,
        failureDays: state.failureDays,
        lastFailureDay: state.lastFailureDay,
        lastError: state.lastError,
      });
      return changed === 1;
    },
    async releaseLeases(connectionIds, owner) {
      if (connectionIds.length === 0) return;
      await db
        .updateTable('connection_token_refresh')
        .set({ lease_until: null, lease_owner: null })
        .where('connection_id', 'in', [...connectionIds])
        .where('lease_owner', '=', owner)
        .execute();
    },
    async releaseAllLeases() {
      const result = await db.updateTable('connection_token_refresh').set({ lease_until: null, lease_owner: null }).where('lease_until', 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async listForCompany(clientId, companyId) {
      // One read from the company's connections index, each joined to its refresh row by primary key.
      const rows = await db
        .selectFrom('connections as c')
        .leftJoin('connection_token_refresh as r', 'r.connection_id', 'c.id')
        .select(['c.id as id', 'c.credentials_sealed as sealed'])
        .select(REFRESH_COLUMNS.map((column) => `r.${column} as r_${column}` as const))
        .where('c.company_id', '=', companyId)
        .where('c.client_id', '=', clientId)
        .orderBy('c.created')
        .orderBy('c.id')
        .execute();
      return rows.map((row) => ({
        connectionId: row.id,
        sealedCredentials: row.sealed,
        state: row.r_connection_id === null ? undefined : toState(refreshPart(row as unknown as PrefixedRefresh)),
      }));
    },
    async nextDueAt() {
      const row = await db
        .selectFrom('connection_token_refresh')
        .select('due_at')
        .where('due_at', 'is not', null)
        // A leased row is someone's work in progress: its lapse is found by the job's regular poll.
        .where('lease_until', 'is', null)
        .orderBy('due_at')
        .limit(1)
        .executeTakeFirst();
      return row?.due_at ?? undefined;
    },
  };
}
