import type { Kysely, Selectable } from 'kysely';
import type { LinkEmbedding } from '../../../domain/link/link-embedding.js';
import type { LinkEventType, OAuthState } from '../../../domain/link/link-session.js';
import type { LinkEventRepository, LinkSessionRepository, OAuthStateRepository, RateLimitRepository } from '../../ports.js';
import { deleteBatchBefore } from '../batched-delete.js';
import type { Dialect } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { countAuthFunnel } from './link-funnel.js';
import { compilerFor, precompiledInsert, type CompiledQueryCache } from '../precompiled.js';
import type { LinkEventsTable, LinkSessionsTable, OAuthStatesTable, Tables } from '../tables.js';

// The Hosted Link flow's own statements run on every step of every visit: each is compiled once
// per store (and shared with its transactions), not rebuilt by Kysely's query builder per call.

export function createLinkSessionRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): LinkSessionRepository {
  const byId = compilerFor(db, 'link_sessions', compiled).query('byId', (q) => q.selectFrom('link_sessions').selectAll().where('id', '=', ''));
  const insertSessions = precompiledInsert<Tables, Selectable<LinkSessionsTable>>(
    db,
    'link_sessions',
    ['id', 'client_id', 'company_id', 'browser_hash', 'params', 'created', 'expires_at', 'embed'],
    compiled,
  );
  return {
    async insert(session) {
      await insertSessions([
        {
          id: session.id,
          client_id: session.clientId,
          company_id: session.companyId,
          browser_hash: session.browserHash,
          params: toJson(session.params),
          created: session.created,
          expires_at: session.expiresAt,
          embed: session.embed === null ? null : toJson(session.embed),
        },
      ]);
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
          embed: fromJson<LinkEmbedding | null>(row.embed, null),
        }
      );
    },
    async attachCompany(id, companyId) {
      await db.updateTable('link_sessions').set({ company_id: companyId }).where('id', '=', id).execute();
    },
    deleteExpired: (now, limit) => deleteBatchBefore(db, dialect, { table: 'link_sessions', key: 'id', column: 'expires_at' }, now, limit),
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
    browserHash: row.browser_hash,
    returnUrl: row.return_url,
  };
}

export function createOAuthStateRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): OAuthStateRepository {
  const compile = compilerFor(db, 'oauth_states', compiled);
  const byId = compile.query('byId', (q) => q.selectFrom('oauth_states').selectAll().where('id', '=', ''));
  const insertStates = precompiledInsert<Tables, Selectable<OAuthStatesTable>>(
    db,
    'oauth_states',
    ['id', 'client_id', 'company_id', 'connection_id', 'session_id', 'code_verifier_sealed', 'created', 'expires_at', 'consumed_at', 'browser_hash', 'return_url'],
    compiled,
  );
  // The conditional UPDATE is the single-use guarantee (of two concurrent callbacks with the same
  // state exactly one changes the row) and the browser binding (another session's callback
  // cannot consume it).
  const markConsumed = compile.named('consume', ['id', 'sessionId', 'now'], (q, p) =>
    q
      .updateTable('oauth_states')
      .set({ consumed_at: p.now })
      .where('id', '=', p.id)
      .where('session_id', '=', p.sessionId)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', p.now),
  );
  return {
    async insert(state) {
      await insertStates([
        {
          id: state.id,
          client_id: state.clientId,
          company_id: state.companyId,
          connection_id: state.connectionId,
          session_id: state.sessionId,
          code_verifier_sealed: state.codeVerifierSealed,
          created: state.created,
          expires_at: state.expiresAt,
          consumed_at: null,
          browser_hash: state.browserHash,
          return_url: state.returnUrl,
        },
      ]);
    },
    async find(id) {
      const [row] = await byId(id);
      return row && toOAuthState(row);
    },
    async consume(id, sessionId, now) {
      if ((await markConsumed({ id, sessionId, now })).changed !== 1) return undefined;
      const [row] = await byId(id);
      return row && toOAuthState(row);
    },
    deleteExpired: (now, limit) => deleteBatchBefore(db, dialect, { table: 'oauth_states', key: 'id', column: 'expires_at' }, now, limit),
  };
}

export function createLinkEventRepository(db: Kysely<Tables>, dialect: Dialect, compiled?: CompiledQueryCache): LinkEventRepository {
  const ofSession = compilerFor(db, 'link_events', compiled).query('ofSession', (q) =>
    q.selectFrom('link_events').selectAll().where('session_id', '=', '').orderBy('created').orderBy('id'),
  );
  const insertEvents = precompiledInsert<Tables, Selectable<LinkEventsTable>>(
    db,
    'link_events',
    ['id', 'client_id', 'company_id', 'session_id', 'connection_id', 'platform_key', 'source_type', 'type', 'detail', 'created'],
    compiled,
  );
  return {
    async insert(event) {
      await insertEvents([
        {
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
        },
      ]);
    },
    async listForSession(sessionId) {
      const rows = await ofSession(sessionId);
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
    deleteCreatedBefore: (before, limit) => deleteBatchBefore(db, dialect, { table: 'link_events', key: 'id', column: 'created' }, before, limit),
    countAuthFunnel: (clientId, period) => countAuthFunnel(db, clientId, period),
  };
}

export function createRateLimitRepository(db: Kysely<Tables>, dialect: Dialect): RateLimitRepository {
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
    async count(bucket, windowStart) {
      const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', bucket).where('window_start', '=', windowStart).executeTakeFirst();
      return row ? Number(row.hits) : 0;
    },
    deleteWindowsBefore: (before, limit) => deleteBatchBefore(db, dialect, { table: 'rate_limits', key: 'bucket', column: 'window_start' }, before, limit),
  };
}
