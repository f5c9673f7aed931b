/**
 * OAuthStateRepository: a pending authorization's `state` is consumed exactly once, only by the
 * browser session that started it, and only before it expires, so a replayed or forged callback
 * finds nothing. Two callbacks racing with the same state: exactly one wins, on both dialects;
 * on PostgreSQL also when the loser really waits on the winner's row lock.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { LinkSession, OAuthState } from '../../../src/domain/link/link-session.js';
import { at, buildLinkSession, buildOAuthState, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('oauth states', (t) => {
  /** A Link session with a company, and one pending state of it (expiring at(15)). */
  async function seedState(overrides: Partial<OAuthState> = {}): Promise<{ session: LinkSession & { companyId: string }; state: OAuthState }> {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const session = { ...buildLinkSession(client.id), companyId: company.id };
    await t.store.linkSessions.insert(session);
    const state = buildOAuthState(session, overrides);
    await t.store.oauthStates.insert(state);
    return { session, state };
  }

  it('inserts and finds a state without consuming it', async () => {
    const { state } = await seedState({ codeVerifierSealed: null, created: at(1), expiresAt: at(16) });
    expect(await t.store.oauthStates.find(state.id)).toEqual(state);
    expect(await t.store.oauthStates.find(state.id)).toEqual(state);
    expect(await t.store.oauthStates.find('state-unknown')).toBeUndefined();
  });

  it('consume returns the state marked consumed, once; a replay finds nothing', async () => {
    const { session, state } = await seedState();
    expect(await t.store.oauthStates.consume(state.id, session.id, at(5))).toEqual({ ...state, consumedAt: at(5) });
    expect(await t.store.oauthStates.consume(state.id, session.id, at(6))).toBeUndefined();
    expect(await t.store.oauthStates.find(state.id)).toEqual({ ...state, consumedAt: at(5) });
  });

  it("another browser session's callback cannot consume it, and leaves it for the right one", async () => {
    const { session, state } = await seedState();
    expect(await t.store.oauthStates.consume(state.id, newTestId(), at(5))).toBeUndefined();
    expect((await t.store.oauthStates.find(state.id))?.consumedAt).toBeNull();
    expect((await t.store.oauthStates.consume(state.id, session.id, at(5)))?.id).toBe(state.id);
  });

  it('an expired state cannot be consumed, from the instant it expires', async () => {
    const { session, state } = await seedState({ expiresAt: at(15) });
    expect(await t.store.oauthStates.consume(state.id, session.id, at(15))).toBeUndefined();
    expect(await t.store.oauthStates.consume(state.id, session.id, at(16))).toBeUndefined();
    expect((await t.store.oauthStates.find(state.id))?.consumedAt).toBeNull();
  });

  it('an unknown state consumes to nothing', async () => {
    const { session } = await seedState();
    expect(await t.store.oauthStates.consume('state-unknown', session.id, at(1))).toBeUndefined();
  });

  it('of many concurrent consumes of one state exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const { session, state } = await seedState();
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => t.store.oauthStates.consume(state.id, session.id, at(5 + i))));
      const winners = results.filter((result) => result !== undefined);
      expect(winners).toHaveLength(1);
      expect(await t.store.oauthStates.find(state.id)).toEqual(winners[0]);
    }
  });

  // Row locks exist on PostgreSQL only (SQLite runs one statement at a time); registered only
  // there, so no test is reported as skipped.
  const postgresOnly = t.dialect === 'postgres' ? it : () => undefined;

  /** Resolves once some other connection of this database waits on a lock (pg_stat_activity). */
  async function someoneWaitsOnALock(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`.execute(t.database.db);
      if (rows[0]!.n > 0) return;
      if (Date.now() > deadline) throw new Error('the second consume never waited on the row lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  postgresOnly('a consume that waited on a committed consume finds nothing', async () => {
    const { session, state } = await seedState();
    let waiting: Promise<OAuthState | undefined> | undefined;
    const first = await t.store.transaction(async (tx) => {
      const won = await tx.oauthStates.consume(state.id, session.id, at(5));
      // The row is locked and not yet committed: a second callback must wait, then re-check.
      waiting = t.store.oauthStates.consume(state.id, session.id, at(6));
      await someoneWaitsOnALock();
      return won;
    });
    expect(first).toEqual({ ...state, consumedAt: at(5) });
    expect(await waiting).toBeUndefined();
    expect(await t.store.oauthStates.find(state.id)).toEqual(first);
  });

  postgresOnly('a consume that waited on a rolled-back consume wins', async () => {
    const { session, state } = await seedState();
    let waiting: Promise<OAuthState | undefined> | undefined;
    await expect(
      t.store.transaction(async (tx) => {
        expect(await tx.oauthStates.consume(state.id, session.id, at(5))).toBeDefined();
        waiting = t.store.oauthStates.consume(state.id, session.id, at(6));
        await someoneWaitsOnALock();
        throw new Error('the first callback failed after consuming');
      }),
    ).rejects.toThrow('the first callback failed');
    expect(await waiting).toEqual({ ...state, consumedAt: at(6) });
  });

  it('deletes expired states, used or not, in bounded batches and keeps pending ones', async () => {
    const cutOff = at(-99_000); // far before every other test's states
    const { state: used } = await seedState({ created: at(-101_000), expiresAt: at(-100_000), consumedAt: null });
    const { state: unused } = await seedState({ created: at(-101_000), expiresAt: at(-100_001) });
    const { state: pending } = await seedState({ created: at(-101_000), expiresAt: cutOff });
    await t.store.oauthStates.consume(used.id, used.sessionId, at(-100_500));

    expect(await t.store.oauthStates.deleteExpired(cutOff, 1)).toBe(1);
    expect(await t.store.oauthStates.find(unused.id)).toBeUndefined(); // the older first
    expect(await t.store.oauthStates.deleteExpired(cutOff, 1)).toBe(1);
    expect(await t.store.oauthStates.deleteExpired(cutOff, 1)).toBe(0);
    expect(await t.store.oauthStates.find(used.id)).toBeUndefined();
    expect(await t.store.oauthStates.find(pending.id)).toEqual(pending);
  });
});
