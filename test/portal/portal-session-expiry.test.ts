/**
 * Portal sessions end on their own: after 8 hours unused, after 7 days whatever happens, and
 * the pruner then deletes their rows (both databases, a clock the test moves).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { pruneStaffData } from '../../src/services/portal-auth/prune-staff-data.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { signInAsAdmin } from '../support/portal-client.js';
import { startDoorway } from '../support/start-doorway.js';

const HOUR = 3_600_000;

function testClock(start = Date.parse('2026-05-01T08:00:00.000Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

describe.each(TEST_DIALECTS)('Portal session expiry on %s', (dialect) => {
  it('ends a session after 8 idle hours, keeps a used one, ends every one after 7 days, and prunes them', async () => {
    const clock = testClock();
    const doorway = await startDoorway({ dialect, clock });
    try {
      const idle = await signInAsAdmin(doorway);
      const busy = await signInAsAdmin(doorway);
      for (let hour = 0; hour < 9; hour += 1) {
        clock.advance(HOUR);
        expect((await busy.get('/session')).status).toBe(200);
      }
      expect((await idle.get('/session')).status).toBe(401);
      // Used every few hours, it still ends 7 days after sign-in.
      for (let step = 0; step < 7 * 4; step += 1) {
        clock.advance(6 * HOUR);
        const status = (await busy.get('/session')).status;
        if (status === 401) break;
      }
      expect((await busy.get('/session')).status).toBe(401);
      const db = doorway.runtime.database.db;
      const before = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM portal_sessions`.execute(db);
      expect(Number(before.rows[0]!.n)).toBe(2);
      expect(await pruneStaffData(doorway.runtime.deps)).toEqual({ staffSessions: 2, staffInvitations: 0 });
      const after = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM portal_sessions`.execute(db);
      expect(Number(after.rows[0]!.n)).toBe(0);
    } finally {
      await doorway.close();
    }
  });
});
