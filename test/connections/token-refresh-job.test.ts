/**
 * The background token refresher, driven by Doorway's injected clock against real authorization
 * servers: every connection that falls due is refreshed exactly once per due time, connections
 * whose unused refresh tokens would expire are exercised once a day at their own time, a request
 * and the job never spend one refresh token twice, and neither do two Doorway runtimes sharing a
 * PostgreSQL database (two runtimes in this test process, sharing nothing in memory but the test clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_CLIENT, listenOidcServer, type OidcServer } from '../oauth/support/oidc-server.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/databases.js';
import { adjustableClock, linkThroughOidc, writeOidcProvidersFile } from '../support/oidc-linking.js';
import { startDoorway, type RunningDoorway, type StartOptions } from '../support/start-doorway.js';
import { createTokenRefresher } from '../../src/services/connections/token-refresher.js';

const DAY_MS = 86_400_000;
const PAST_MARGIN_MS = 16_000;

/** Two platforms: 30-second tokens that rotate, and two-week tokens whose refresh tokens die after 30 idle days. */
async function startPlatforms() {
  const short = await listenOidcServer({ rotateRefreshToken: true, accessTokenTtlSeconds: 30 });
  const idle = await listenOidcServer({ rotateRefreshToken: true, accessTokenTtlSeconds: 14 * 86_400 });
  const providersFile = writeOidcProvidersFile([
    { key: 'tbks', name: 'Test Books', issuer: short.issuer, auth: { refreshTokenRotates: true } },
    { key: 'tidl', name: 'Idle Books', issuer: idle.issuer, auth: { refreshTokenRotates: true, refreshTokenIdleExpiryDays: 30 } },
  ]);
  return { short, idle, providersFile };
}

async function enable(doorway: RunningDoorway): Promise<void> {
  for (const key of ['tbks', 'tidl']) {
    expect((await doorway.api('PUT', `/integrations/${key}/settings`, { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret })).status).toBe(200);
  }
}

const refreshesAt = (as: OidcServer) => as.tokenRequests.refresh_token ?? 0;
const tokenPath = (link: { companyId: string; connectionId: string }) => `/companies/${link.companyId}/connections/${link.connectionId}/accessToken`;

describe.each(TEST_DIALECTS)('the background token refresher on %s', (dialect) => {
  const clock = adjustableClock();
  let short: OidcServer;
  let idle: OidcServer;
  let doorway: RunningDoorway;

  beforeAll(async () => {
    const platforms = await startPlatforms();
    doorway = await startDoorway({ dialect, clock, config: { providersFile: platforms.providersFile } });
    short = platforms.short.configure([`${doorway.url}/link/oauth/callback`]);
    idle = platforms.idle.configure([`${doorway.url}/link/oauth/callback`]);
    await enable(doorway);
  });

  afterAll(async () => {
    await doorway?.close();
    await short?.close();
    await idle?.close();
  });

  it('refreshes each due connection once, shares refreshes with requests, and exercises idle ones daily', async () => {
    const expiring: { companyId: string; connectionId: string }[] = [];
    const idling: { companyId: string; connectionId: string }[] = [];
    for (let i = 0; i < 4; i += 1) expiring.push(await linkThroughOidc(doorway, 'tbks'));
    for (let i = 0; i < 4; i += 1) idling.push(await linkThroughOidc(doorway, 'tidl'));
    const job = doorway.runtime.tokenRefreshJob;
    const state = (link: { connectionId: string }) => doorway.runtime.deps.store.tokenRefresh.find(link.connectionId);
    expect(await job.runOnce()).toBe(0);

    // The expiring ones fall due; requests for one of them arrive while the job runs.
    clock.advance(PAST_MARGIN_MS);
    const [claimed, ...reads] = await Promise.all([job.runOnce(), ...Array.from({ length: 10 }, () => doorway.api('GET', tokenPath(expiring[0]!)))]);
    expect(claimed).toBeLessThanOrEqual(4);
    expect(reads.map((read) => read.status)).toEqual(Array(10).fill(200));
    expect(refreshesAt(short)).toBe(4);
    expect(refreshesAt(idle)).toBe(0);
    expect(await job.runOnce()).toBe(0);

    // Idle refresh tokens are spread over the day, not all at one moment.
    const idleDue = await Promise.all(idling.map(async (link) => (await state(link))!.dueAt!));
    expect(new Set(idleDue).size).toBe(4);
    for (const due of idleDue) expect(Date.parse(due) - clock.now().getTime()).toBeLessThanOrEqual(DAY_MS);

    for (const day of [1, 2]) {
      clock.advance(DAY_MS);
      expect(await job.runOnce()).toBe(8);
      expect(refreshesAt(short)).toBe(4 + 4 * day);
      expect(refreshesAt(idle)).toBe(4 * day);
      expect(await job.runOnce()).toBe(0);
      for (const link of idling) expect(Date.parse((await state(link))!.lastRefreshedAt!)).toBeGreaterThan(clock.now().getTime() - DAY_MS);
    }
    // Every connection is still Linked: no rotated refresh token was ever spent twice.
    for (const link of [...expiring, ...idling]) {
      expect((await doorway.api('GET', `/companies/${link.companyId}/connections/${link.connectionId}`)).json.status).toBe('Linked');
    }
  });

  it('stops refreshing a connection once it is unlinked', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    expect((await doorway.api('PATCH', `/companies/${link.companyId}/connections/${link.connectionId}`, { status: 'Unlinked' })).status).toBe(200);
    const before = refreshesAt(short);
    clock.advance(DAY_MS);
    await job().runOnce();
    expect(await doorway.runtime.deps.store.tokenRefresh.find(link.connectionId)).toBeUndefined();
    // Only the connections of the test above, each once.
    expect(refreshesAt(short)).toBe(before + 4);
  });

  it('schedules a connection Linked before refresh bookkeeping existed without spending its refresh token', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    const { store } = doorway.runtime.deps;
    const linkedState = (await store.tokenRefresh.find(link.connectionId))!;
    // As migration 0010 leaves such a row: due now, never refreshed.
    await store.tokenRefresh.initialise({ ...linkedState, dueAt: clock.now().toISOString(), lastRefreshedAt: null });
    expect(await job().runOnce()).toBeGreaterThanOrEqual(1);
    // Looked at (rescheduled from its token's expiry) but not refreshed: a refresh records when it happened.
    expect(await store.tokenRefresh.find(link.connectionId)).toMatchObject({ dueAt: linkedState.dueAt, lastRefreshedAt: null, leaseUntil: null });
  });

  it("refreshes under the job's claim only while that lease is still its own", async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    const { store } = doorway.runtime.deps;
    // A refresher of its own, so that waiting for another process's lease ends within the test.
    const tokenRefresher = createTokenRefresher(doorway.runtime.deps, { failureDays: 4, waitMs: 200, pollMs: 20 });
    const ref = { clientId: (await store.tokenRefresh.find(link.connectionId))!.clientId, companyId: link.companyId, connectionId: link.connectionId };
    const iso = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs).toISOString();
    clock.advance(PAST_MARGIN_MS);
    const before = refreshesAt(short);

    // The claim lapsed and another process leased the row: the stale claim must not spend the
    // token; it waits for that lease (here giving up after 200 ms) and uses what is stored.
    expect(await store.tokenRefresh.acquireLease(link.connectionId, 'another-process', iso(0), iso(60_000))).toBe(true);
    expect(await tokenRefresher.refresh(ref, { scheduled: true, claimed: true })).toBe('waited');
    expect(refreshesAt(short)).toBe(before);

    // Ours, but nearly run out: taken anew (renewed) and refreshed once.
    await store.tokenRefresh.releaseLeases([link.connectionId], 'another-process');
    expect(await store.tokenRefresh.acquireLease(link.connectionId, tokenRefresher.owner, iso(0), iso(1_000))).toBe(true);
    expect(await tokenRefresher.refresh(ref, { scheduled: true, claimed: true })).toBe('refreshed');
    expect(refreshesAt(short)).toBe(before + 1);
    expect(await store.tokenRefresh.find(link.connectionId)).toMatchObject({ leaseUntil: null, leaseOwner: null });
  });

  const job = () => doorway.runtime.tokenRefreshJob;
});

describe('two Doorway runtimes on one PostgreSQL database', () => {
  const clock = adjustableClock();
  let database: TestDatabase;
  let short: OidcServer;
  let idle: OidcServer;
  let first: RunningDoorway;
  let second: RunningDoorway;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const platforms = await startPlatforms();
    const options: StartOptions = { database, clock, config: { providersFile: platforms.providersFile } };
    first = await startDoorway(options);
    second = await startDoorway(options);
    short = platforms.short.configure([`${first.url}/link/oauth/callback`]);
    idle = platforms.idle.configure([`${first.url}/link/oauth/callback`]);
    await enable(first);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
    await short?.close();
    await idle?.close();
  });

  it('spend one refresh token between them for 50 concurrent reads and a background job', async () => {
    const link = await linkThroughOidc(first, 'tbks');
    clock.advance(PAST_MARGIN_MS);
    const reads = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? first : second).api('GET', tokenPath(link))));
    expect(reads.map((read) => read.status)).toEqual(Array(50).fill(200));
    expect(new Set(reads.map((read) => read.json.accessToken)).size).toBe(1);
    expect(refreshesAt(short)).toBe(1);

    clock.advance(PAST_MARGIN_MS);
    const [, ...more] = await Promise.all([second.runtime.tokenRefreshJob.runOnce(), ...Array.from({ length: 20 }, () => first.api('GET', tokenPath(link)))]);
    expect(more.map((read) => read.status)).toEqual(Array(20).fill(200));
    expect(refreshesAt(short)).toBe(2);
    expect((await second.api('GET', `/companies/${link.companyId}/connections/${link.connectionId}`)).json.status).toBe('Linked');
  });
});
