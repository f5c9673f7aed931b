import type { Kysely, Selectable } from 'kysely';
import type { LinkEventType, OAuthState } from '../../../domain/link/link-session.js';
import type { LinkEventRepository, LinkSessionRepository, OAuthStateRepository, RateLimitRepository } from '../../ports.js';
import { fromJson, toJson } from '../json.js';
import { precompiled } from '../precompiled.js';
import type { OAuthStatesTable, Tables } from '../tables.js';

export function createLinkSessionRepository(db: Kysely<Tables>): LinkSessionRepository {
  // Every Link API call reads its session: compiled once.
  const byId = precompiled(db, (q) => q.selectFrom('link_sessions').selectAll().where('id', '=', ''));
  return {
    async insert(session) {
      await db
        .insertInto('link_sessions')
        .values({
          id: session.id,
          client_id: session.clientId,
          company_id: session.companyId,
          browser_hash: session.browserHash,
          params: toJson(session.params),
          created: session.created,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async find(id) {
      const [row] = await byId(id);
      return (
        row && {
          id: row.id,
          clientId: row.client_id,
          companyId: row.company_id,
          browserHash: row.browser_hash,
          params: fromJson<Record<string, string>>(row.params, {}),
          created: row.created,
          expiresAt: row.expires_at,
        }
      );
    },
    async attachCompany(id, companyId) {
      await db.updateTable('link_sessions').set({ company_id: companyId }).where('id', '=', id).execute();
    },
  };
}

function toOAuthState(row: Selectable<OAuthStatesTable>): OAuthState {
  return {
    id: row.id,
    clientId: row.client_id,
    companyId: row.company_id,
    connectionId: row.connection_id,
    sessionId: row.session_id,
    codeVerifierSealed: row.code_verifier_sealed,
    created: row.created,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
  };
}

export function createOAuthStateRepository(db: Kysely<Tables>): OAuthStateRepository {
  return {
    async insert(state) {
      await db
        .insertInto('oauth_states')
        .values({
          id: state.id,
          client_id: state.clientId,
          company_id: state.companyId,
          connection_id: state.connectionId,
          session_id: state.sessionId,
          code_verifier_sealed: state.codeVerifierSealed,
          created: state.created,
          expires_at: state.expiresAt,
          consumed_at: null,
        })
        .execute();
    },
    async find(id) {
      const row = await db.selectFrom('oauth_states').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOAuthState(row);
    },
    async consume(id, sessionId, now) {
      // The conditional UPDATE is the single-use guarantee (of two concurrent callbacks with the
      // same state exactly one changes the row) and the browser binding (another session's
      // callback cannot consume it).
      const result = await db
        .updateTable('oauth_states')
        .set({ consumed_at: now })
        .where('id', '=', id)
        .where('session_id', '=', sessionId)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      return toOAuthState(await db.selectFrom('oauth_states').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },
  };
}

export function createLinkEventRepository(db: Kysely<Tables>): LinkEventRepository {
  return {
    async insert(event) {
      await db
        .insertInto('link_events')
        .values({
          id: event.id,
          client_id: event.clientId,
          company_id: event.companyId,
          session_id: event.sessionId,
          connection_id: event.connectionId,
          platform_key: event.platformKey,
          source_type: event.sourceType,
          type: event.type,
          detail: event.detail === null ? null : toJson(event.detail),
          created: event.created,
        })
        .execute();
    },
    async listForSession(sessionId) {
      const rows = await db.selectFrom('link_events').selectAll().where('session_id', '=', sessionId).orderBy('created').orderBy('id').execute();
      return rows.map((row) => ({
        id: row.id,
        clientId: row.client_id,
        companyId: row.company_id,
        sessionId: row.session_id,
        connectionId: row.connection_id,
        platformKey: row.platform_key,
        sourceType: row.source_type,
        type: row.type as LinkEventType,
        detail: fromJson<Record<string, unknown> | null>(row.detail, null),
        created: row.created,
      }));
    },
  };
}

export function createRateLimitRepository(db: Kysely<Tables>): RateLimitRepository {
  return {
    async hit(bucket, windowStart) {
      // One upsert: a new window resets the count, the same window increments it.
      await db
        .insertInto('rate_limits')
        .values({ bucket, window_start: windowStart, hits: 1 })
        .onConflict((oc) =>
          oc.column('bucket').doUpdateSet((eb) => ({
            hits: eb.case().when('rate_limits.window_start', '=', windowStart).then(eb('rate_limits.hits', '+', 1)).else(1).end(),
            window_start: windowStart,
          })),
        )
        .execute();
      const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', bucket).executeTakeFirstOrThrow();
      return Number(row.hits);
    },
  };
}
