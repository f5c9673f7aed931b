/**
 * The Portal's auth funnel over HTTP, on both databases: real Hosted Link visits driven over
 * HTTP (the Sandbox authorized, the Sandbox cancelled, a visit that only looked), read back by a
 * viewer as customers per step, drop-out, platform and week; bad periods answer 400, and nobody
 * signed out reads it.
 */
import { describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { visitLink } from '../support/http-link-client.js';
import { PortalClient, staffUser } from '../support/portal-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Portal auth funnel on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  it('shows a viewer the customers of real Link visits per step, drop-out, platform and week', async () => {
    await visitLink(doorway, 'Completes', 'authorize');
    await visitLink(doorway, 'Cancels', 'cancel');
    await visitLink(doorway, 'Looks only');
    const viewer = await staffUser(doorway, 'viewer');
    const { status, json } = await viewer.get('/funnel');
    expect(status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(json.period.to).toBe(today);
    // The test Doorway keeps events for LINK_EVENT_RETENTION_DAYS' default, 90 days.
    expect(json.eventsKeptFrom).toBe(new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10));
    expect(json.steps.map((s: { step: string; companies: number }) => [s.step, s.companies])).toEqual([
      ['opened', 3],
      ['platform_chosen', 2],
      ['consent_given', 2],
      ['authorization_started', 2],
      ['connected', 1],
      ['completed', 1],
    ]);
    expect(json.dropOut.filter((s: { companies: number }) => s.companies > 0)).toEqual([
      { step: 'opened', companies: 1 },
      { step: 'authorization_started', companies: 1 },
    ]);
    expect(json.platforms).toEqual([{ platformKey: 'mqjo', platformName: 'Sandbox', sourceType: 'Accounting', started: 2, connected: 1, failed: 1 }]);
    expect(json.categories).toEqual([{ sourceType: 'Accounting', started: 2, connected: 1, failed: 1 }]);
    const thisWeek = json.weeks.at(-1);
    expect(thisWeek).toMatchObject({ opened: 3, connected: 1, completed: 1 });
    expect(thisWeek.completionRate).toBeCloseTo(1 / 3);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const before = await viewer.get(`/funnel?from=${yesterday}&to=${yesterday}`);
    expect(before.json.steps[0]).toEqual({ step: 'opened', companies: 0 });
  });

  it('refuses a malformed, reversed or too long period with a 400 that says why', async () => {
    const viewer = await staffUser(doorway, 'viewer');
    const malformed = await viewer.get('/funnel?from=2026-02-30');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toBe("'from' must be a date like 2026-01-31.");
    expect((await viewer.get('/funnel?from=2026-03-02&to=2026-03-01')).status).toBe(400);
    const long = await viewer.get('/funnel?from=2024-01-01&to=2025-12-31');
    expect(long.status).toBe(400);
    expect(long.json.error.message).toMatch(/at most 366 days/);
  });

  it('answers 401 to a request without a session', async () => {
    const anonymous = new PortalClient(doorway.url);
    expect((await anonymous.get('/funnel')).status).toBe(401);
  });
});
