/**
 * What anonymous visitors can make Doorway store stays small, and goes away on its own.
 *
 * The stated bound: a Link page load stores one session whose query parameters are at most
 * 10 × (40-character name + 200-character value), under 7 KB however hostile the query string
 * (the hostile loads here store about 3.5 KB each, 7 MB for 2,000, where they stored 9 KB
 * before; a 16 KB URL could store 16 KB), one address opens at most 60 a minute, and once sessions (24 h), OAuth states (15 min), rate-limit
 * windows (1 h) and Link events (LINK_EVENT_RETENTION_DAYS, 90) have run out, the pruner leaves
 * no row behind. Bytes are the stored values' UTF-8 bytes (the same measure on both databases;
 * the files themselves reuse the freed pages).
 */
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { pruneLinkData } from '../../src/services/link/prune-link-data.js';
import type { Tables } from '../../src/storage/kysely/tables.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const LINK_TABLES = ['link_sessions', 'oauth_states', 'link_events', 'rate_limits'] as const;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PER_MINUTE = 60;

/** A clock the test moves by hand. */
function testClock(start = Date.parse('2026-03-01T09:00:00.000Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** Row count and stored bytes (UTF-8 of every value) of each Link table. */
async function measure(db: Kysely<Tables>) {
  const sizes: Record<string, { rows: number; bytes: number }> = {};
  for (const table of LINK_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    const bytes = rows.reduce((sum, row) => sum + Object.values(row).reduce<number>((s, v) => s + Buffer.byteLength(v === null ? '' : String(v)), 0), 0);
    sizes[table] = { rows: rows.length, bytes };
  }
  return sizes;
}

/**
 * As much as an attacker can put in one URL (Node refuses request heads over 16 KB): long names,
 * long multi-byte values that JSON escapes, values over the limit, a bad name, a control character.
 */
function hostileQuery(): string {
  const query = new URLSearchParams();
  for (let i = 0; i < 14; i++) query.set(`p${i}`.padEnd(40, 'x'), '€'.repeat(40) + '"'.repeat(10) + 'a'.repeat(150)); // 200 characters, 290 bytes stored
  for (let i = 0; i < 8; i++) query.set(`long${i}`, 'a'.repeat(500));
  query.set('n'.repeat(64), 'v');
  query.set('ctl', 'a\u0001b');
  const text = query.toString();
  expect(text.length).toBeGreaterThan(12_000);
  expect(text.length).toBeLessThan(14_000);
  return text;
}

describe.each(TEST_DIALECTS)('Link growth on %s', (dialect) => {
  let doorway: RunningDoorway | undefined;
  afterEach(async () => {
    await doorway?.close();
    doorway = undefined;
  });

  it('keeps 2,000 hostile anonymous page loads small, 60 a minute per address, and prunes them to nothing', async () => {
    const clock = testClock();
    doorway = await startDoorway({ dialect, clock });
    const companyId = (await doorway.api('POST', '/companies', { name: 'Growth Ltd' })).json.id as string;
    const query = hostileQuery();
    const pages = [`/link/invite/default?${query}`, `/link/company/${companyId}?${query}`];
    const load = (path: string) => fetch(`${doorway!.url}${path}`).then(async (response) => ({ status: response.status, text: await response.text() }));

    const LOADS = 2_000;
    for (let minute = 0; minute * PER_MINUTE < LOADS; minute++) {
      const count = Math.min(PER_MINUTE, LOADS - minute * PER_MINUTE);
      const statuses: number[] = [];
      for (let start = 0; start < count; start += 20) {
        const batch = Array.from({ length: Math.min(20, count - start) }, (_, i) => pages[(start + i) % 2]!);
        statuses.push(...(await Promise.all(batch.map(load))).map((page) => page.status));
      }
      expect(statuses.every((status) => status === 200)).toBe(true);
      if (count === PER_MINUTE) {
        // The 61st page of this minute from this address is refused with a page a person can read, and stores no session.
        const refused = await load(pages[minute % 2]!);
        expect(refused.status).toBe(429);
        expect(refused.text).toContain('Please slow down');
      }
      clock.advance(MINUTE);
    }

    const loaded = await measure(doorway.runtime.database.db);
    expect(loaded.link_sessions!.rows).toBe(LOADS);
    expect(loaded.link_events!.rows).toBe(LOADS / 2); // `opened`, for the company page loads
    expect(loaded.rate_limits!.rows).toBe(1); // one bucket: this address
    const sessions = await doorway.runtime.database.db.selectFrom('link_sessions').select('params').execute();
    for (const { params } of sessions) {
      const kept = JSON.parse(params) as Record<string, string>;
      expect(Object.keys(kept)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`.padEnd(40, 'x')));
      expect(Buffer.byteLength(params)).toBeLessThan(7_000); // the bound for any query string
    }
    // This query: about 3.5 KB per session (it stored 9 KB before the limits), events and the rate-limit row included.
    const totalBytes = Object.values(loaded).reduce((sum, table) => sum + table.bytes, 0);
    expect(totalBytes).toBeLessThan(LOADS * 4_000);

    // A day later the sessions and rate-limit windows are gone; the funnel keeps its events.
    clock.advance(DAY);
    await pruneLinkData(doorway.runtime.deps, { eventRetentionDays: 90 });
    const nextDay = await measure(doorway.runtime.database.db);
    expect([nextDay.link_sessions!.rows, nextDay.oauth_states!.rows, nextDay.rate_limits!.rows]).toEqual([0, 0, 0]);
    expect(nextDay.link_events!.rows).toBe(LOADS / 2);
    expect(nextDay.link_events!.bytes).toBeLessThan((LOADS / 2) * 400);

    // After the retention nothing is left.
    clock.advance(90 * DAY);
    await pruneLinkData(doorway.runtime.deps, { eventRetentionDays: 90 });
    const after = await measure(doorway.runtime.database.db);
    expect(Object.values(after)).toEqual(LINK_TABLES.map(() => ({ rows: 0, bytes: 0 })));
  }, 120_000);

  it('prunes on its own: expired sessions, OAuth states and rate-limit windows, then events after the retention', async () => {
    const clock = testClock();
    doorway = await startDoorway({ dialect, clock, pruner: true, config: { link: { eventRetentionDays: 7, pruneIntervalMs: 50, sessionsPerMinute: 60 } } });
    const companyId = (await doorway.api('POST', '/companies', { name: 'Prune Ltd' })).json.id as string;
    const browser = new HttpLinkClient(doorway.url);
    const { sessionId } = await browser.open(`/link/company/${companyId}`);
    await authorizeThroughSandbox(browser, sessionId, 'authorize'); // an OAuth state, consumed
    await browser.open('/link/invite/default');
    const db = doorway.runtime.database.db;
    const rows = async () => Object.fromEntries(Object.entries(await measure(db)).map(([table, size]) => [table, size.rows]));
    expect(await rows()).toMatchObject({ link_sessions: 2, oauth_states: 1, rate_limits: 1 });
    const events = (await rows()).link_events!;
    expect(events).toBeGreaterThan(0);

    clock.advance(DAY + MINUTE);
    await expect.poll(rows, { timeout: 10_000, interval: 50 }).toEqual({ link_sessions: 0, oauth_states: 0, rate_limits: 0, link_events: events });

    clock.advance(7 * DAY);
    await expect.poll(rows, { timeout: 10_000, interval: 50 }).toEqual({ link_sessions: 0, oauth_states: 0, rate_limits: 0, link_events: 0 });

    // The Sandbox grant behind the connection lives as long as its refresh token (30 days by default).
    const grants = async () => Number((await db.selectFrom('sandbox_grants').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await grants()).toBe(1);
    clock.advance(30 * DAY);
    await expect.poll(grants, { timeout: 10_000, interval: 50 }).toBe(0);
  }, 60_000);
});
