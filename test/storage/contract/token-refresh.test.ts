/**
 * TokenRefreshRepository: one row per connection, started afresh on every link; a lease only one
 * owner can hold until it lapses (also when many race for it); claiming due rows leases them,
 * earliest due first, never one under another's lease; only the lease holder (or nobody's lease)
 * records an outcome; and the row goes with its connection.
 */
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { up as migration0010 } from '../../../src/storage/kysely/migrations/0010-connection-token-refresh.js';
import { initialRefreshState, type TokenRefreshState } from '../../../src/domain/token-refresh.js';
import { at } from './fixtures.js';
import { describeContract, type ContractHarness } from './harness.js';

async function seedState(t: ContractHarness, dueMinute: number | null, overrides: Partial<TokenRefreshState> = {}): Promise<TokenRefreshState> {
  const client = await t.seedClient();
  const company = await t.seedCompany(client.id);
  const connection = await t.seedConnection(company, { status: 'Linked' });
  const state = { ...initialRefreshState(connection, dueMinute === null ? null : at(dueMinute), new Date(at(0))), ...overrides };
  await t.store.tokenRefresh.initialise(state);
  return state;
}

describeContract('token refresh', (t) => {
  beforeEach(async () => {
    // claimDue sees every tenant's rows: each test starts from none.
    await t.database.db.deleteFrom('connection_token_refresh').execute();
  });

  it('stores a state and starts it afresh on re-initialise, dropping the lease and failures', async () => {
    const state = await seedState(t, 10);
    expect(await t.store.tokenRefresh.find(state.connectionId)).toEqual(state);
    await t.store.tokenRefresh.acquireLease(state.connectionId, 'owner-a', at(0), at(1));
    await t.store.tokenRefresh.complete({ ...state, failureDays: 2, failingSince: at(0), lastFailureDay: '2024-01-01', lastError: 'Platform unreachable' }, 'owner-a', at(0));
    await t.store.tokenRefresh.acquireLease(state.connectionId, 'owner-a', at(0), at(1));
    await t.store.tokenRefresh.initialise({ ...state, dueAt: at(20) });
    expect(await t.store.tokenRefresh.find(state.connectionId)).toEqual({ ...state, dueAt: at(20) });
  });

  it('leases to one owner at a time until the lease lapses, also when owners race', async () => {
    const state = await seedState(t, 10);
    const owners = Array.from({ length: 8 }, (_, i) => `owner-${i}`);
    const won = await Promise.all(owners.map((owner) => t.store.tokenRefresh.acquireLease(state.connectionId, owner, at(0), at(1))));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = owners[won.indexOf(true)]!;
    expect(await t.store.tokenRefresh.acquireLease(state.connectionId, holder, at(0), at(2))).toBe(true); // the holder may extend it
    expect(await t.store.tokenRefresh.acquireLease(state.connectionId, 'late', at(1), at(3))).toBe(false);
    expect(await t.store.tokenRefresh.acquireLease(state.connectionId, 'late', at(2), at(3))).toBe(true); // lapsed
    expect(await t.store.tokenRefresh.acquireLease('no-such-connection', 'late', at(2), at(3))).toBe(false);
  });

  it('records an outcome only for the lease holder (or a free row) and ends the lease', async () => {
    const state = await seedState(t, 10);
    await t.store.tokenRefresh.acquireLease(state.connectionId, 'holder', at(0), at(5));
    expect(await t.store.tokenRefresh.complete({ ...state, dueAt: at(99) }, 'intruder', at(1))).toBe(false);
    expect(await t.store.tokenRefresh.complete({ ...state, dueAt: at(30), lastRefreshedAt: at(1) }, 'holder', at(1))).toBe(true);
    expect(await t.store.tokenRefresh.find(state.connectionId)).toMatchObject({ dueAt: at(30), lastRefreshedAt: at(1), leaseUntil: null, leaseOwner: null });
    expect(await t.store.tokenRefresh.acquireLease(state.connectionId, 'intruder', at(1), at(2))).toBe(true);
  });

  it('claims due rows earliest first, up to the limit, skipping leased and unscheduled ones', async () => {
    const later = await seedState(t, 5);
    const earliest = await seedState(t, 1);
    const middle = await seedState(t, 3);
    const notDue = await seedState(t, 100);
    const unscheduled = await seedState(t, null);
    const leased = await seedState(t, 2);
    await t.store.tokenRefresh.acquireLease(leased.connectionId, 'someone', at(0), at(60));

    const first = await t.store.tokenRefresh.claimDue('job', at(10), at(20), 2);
    expect(first.map((s) => s.connectionId)).toEqual([earliest.connectionId, middle.connectionId]);
    expect(first[0]).toMatchObject({ leaseOwner: 'job', leaseUntil: at(20) });
    const rest = await t.store.tokenRefresh.claimDue('job-2', at(10), at(20), 10);
    expect(rest.map((s) => s.connectionId)).toEqual([later.connectionId]);
    expect(await t.store.tokenRefresh.claimDue('job-2', at(10), at(20), 10)).toEqual([]);
    // The unleased row due soonest is what an idle job waits for.
    expect(await t.store.tokenRefresh.nextDueAt()).toBe(at(100));
    void notDue;
    void unscheduled;
    // Handed back unstarted: claimable at once.
    await t.store.tokenRefresh.releaseLeases([earliest.connectionId, middle.connectionId], 'job');
    expect((await t.store.tokenRefresh.claimDue('job-3', at(10), at(20), 10)).map((s) => s.connectionId)).toEqual([earliest.connectionId, middle.connectionId]);
    expect(await t.store.tokenRefresh.releaseAllLeases()).toBe(4);
  });

  it('gives concurrent claimers disjoint rows', async () => {
    const states = await Promise.all(Array.from({ length: 12 }, (_, i) => seedState(t, i)));
    const claims = await Promise.all(Array.from({ length: 4 }, (_, i) => t.store.tokenRefresh.claimDue(`job-${i}`, at(60), at(70), 5)));
    const ids = claims.flat().map((s) => s.connectionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(states.map((s) => s.connectionId).sort());
  });

  it('forgets a connection when asked, and with the connection', async () => {
    const state = await seedState(t, 1);
    await t.store.tokenRefresh.delete(state.connectionId);
    expect(await t.store.tokenRefresh.find(state.connectionId)).toBeUndefined();
    const kept = await seedState(t, 1);
    expect(await t.store.connections.delete(kept.clientId, kept.companyId, kept.connectionId)).toBe(true);
    expect(await t.store.tokenRefresh.find(kept.connectionId)).toBeUndefined();
  });

  it('migration 0010 schedules the connections Linked before it, and only those', async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const linked = await t.seedConnection(company, { status: 'Linked' });
    await t.store.connections.saveCredentials(client.id, linked.id, 'sealed-value');
    const pending = await t.seedConnection(company, { status: 'PendingAuth' });
    await sql`DROP TABLE connection_token_refresh`.execute(t.database.db);
    await migration0010(t.database.db as never);
    expect(await t.store.tokenRefresh.find(linked.id)).toMatchObject({ connectionId: linked.id, clientId: client.id, lastRefreshedAt: null, failureDays: 0, leaseUntil: null });
    expect((await t.store.tokenRefresh.find(linked.id))?.dueAt).toEqual(expect.any(String));
    expect(await t.store.tokenRefresh.find(pending.id)).toBeUndefined();
  });
});
