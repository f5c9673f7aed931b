/**
 * The auth funnel counted in SQL (LinkEventRepository.countAuthFunnel, through getAuthFunnel), on
 * both databases, against a funnel worked out by hand: customers that skip steps (an API-key form
 * has no authorization_started), fail, try several platforms, reopen Link, and events of another
 * client or outside the period, which must not count.
 */
import { expect, it } from 'vitest';
import type { LinkEvent, LinkEventType } from '../../../src/domain/link/link-session.js';
import { getAuthFunnel } from '../../../src/services/link/get-auth-funnel.js';
import { buildLinkEvent, buildLinkSession, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

type Step = LinkEventType | [LinkEventType, string, string];
const XERO: [string, string] = ['xero', 'Accounting'];
const QBO: [string, string] = ['qbo', 'Accounting'];
const STRIPE: [string, string] = ['stripe', 'Commerce'];
const SHOPIFY: [string, string] = ['shopify', 'Commerce'];
const PLAID: [string, string] = ['plaid', 'Banking'];
const on = (platform: [string, string], ...types: LinkEventType[]): Step[] => types.map((type) => [type, ...platform]);

/** One visit (session) of `companyId`: its events one second apart from `start`. */
function visit(clientId: string, companyId: string, start: string, steps: Step[]): LinkEvent[] {
  const session = buildLinkSession(clientId, { companyId });
  return steps.map((step, index) => {
    const [type, platformKey, sourceType] = typeof step === 'string' ? [step, null, null] : step;
    return buildLinkEvent(session, { type, platformKey, sourceType, created: new Date(Date.parse(start) + index * 1000).toISOString() });
  });
}

describeContract('link auth funnel', (t) => {
  const clock = { now: () => new Date('2024-01-14T12:00:00.000Z') };

  it('counts customers per step, drop-out, category, platform and week, only for the client and the period', async () => {
    const client = await t.seedClient();
    const other = await t.seedClient();
    const [c1, c2, c3, c4, c5, c6, c7, c8] = Array.from({ length: 8 }, () => newTestId());
    const events = [
      // C1 completes with Xero.
      ...visit(client.id, c1!, '2024-01-02T10:00:00.000Z', ['opened', 'category_chosen', ...on(XERO, 'platform_chosen', 'consent_given', 'authorization_started', 'connected'), 'completed']),
      // C2 fails with Xero in week 1, comes back in week 2 and connects QuickBooks, then exits.
      ...visit(client.id, c2!, '2024-01-03T10:00:00.000Z', ['opened', ...on(XERO, 'platform_chosen', 'consent_given', 'authorization_started', 'failed')]),
      ...visit(client.id, c2!, '2024-01-09T10:00:00.000Z', ['opened', ...on(QBO, 'platform_chosen', 'consent_given', 'authorization_started', 'connected'), 'exited']),
      // C3 reopens Link (two sessions) on a Sunday and connects an API-key platform: no authorization_started.
      ...visit(client.id, c3!, '2024-01-07T22:00:00.000Z', ['opened']),
      ...visit(client.id, c3!, '2024-01-07T23:00:00.000Z', ['opened', ...on(STRIPE, 'platform_chosen', 'consent_given', 'connected')]),
      // C4 picks a bank and leaves; C5 only looks, in the period's very last millisecond.
      ...visit(client.id, c4!, '2024-01-10T10:00:00.000Z', ['opened', ...on(PLAID, 'platform_chosen'), 'exited']),
      ...visit(client.id, c5!, '2024-01-14T23:59:59.999Z', ['opened']),
      // C6 completed before the period (not counted) and only gave consent inside it.
      ...visit(client.id, c6!, '2023-12-31T10:00:00.000Z', ['opened', ...on(XERO, 'platform_chosen', 'consent_given', 'authorization_started', 'connected'), 'completed']),
      ...visit(client.id, c6!, '2024-01-12T10:00:00.000Z', on(XERO, 'consent_given')),
      // C7 starts the instant the period ends: not counted.
      ...visit(client.id, c7!, '2024-01-15T00:00:00.000Z', ['opened', ...on(XERO, 'platform_chosen', 'consent_given', 'authorization_started', 'connected'), 'completed']),
      // C8, on Monday 00:00 of week 2: a Shopify form refused (a failure without authorization_started).
      ...visit(client.id, c8!, '2024-01-08T00:00:00.000Z', ['opened', ...on(SHOPIFY, 'platform_chosen', 'consent_given', 'failed')]),
      // Another client's customer, inside the period.
      ...visit(other.id, newTestId(), '2024-01-05T10:00:00.000Z', ['opened', ...on(XERO, 'platform_chosen', 'consent_given', 'authorization_started', 'connected'), 'completed']),
      // An Invite visit before its company exists.
      buildLinkEvent(buildLinkSession(client.id), { type: 'company_created', companyId: null, created: '2024-01-05T10:00:00.000Z' }),
    ];
    for (const event of events) await t.store.linkEvents.insert(event);

    const funnel = await getAuthFunnel({ store: t.store, clock }, { clientId: client.id }, { from: '2024-01-01', to: '2024-01-14' });
    expect(funnel).toEqual({
      period: { from: '2024-01-01', to: '2024-01-14' },
      eventsKeptFrom: null,
      steps: [
        { step: 'opened', companies: 7 },
        { step: 'platform_chosen', companies: 6 },
        { step: 'consent_given', companies: 5 },
        { step: 'authorization_started', companies: 4 },
        { step: 'connected', companies: 3 },
        { step: 'completed', companies: 1 },
      ],
      dropOut: [
        { step: 'opened', companies: 1 },
        { step: 'platform_chosen', companies: 1 },
        { step: 'consent_given', companies: 1 },
        { step: 'authorization_started', companies: 1 },
        { step: 'connected', companies: 2 },
      ],
      categories: [
        { sourceType: 'Accounting', started: 2, connected: 2, failed: 1 },
        { sourceType: 'Commerce', started: 2, connected: 1, failed: 1 },
      ],
      platforms: [
        { platformKey: 'xero', sourceType: 'Accounting', started: 2, connected: 1, failed: 1 },
        { platformKey: 'qbo', sourceType: 'Accounting', started: 1, connected: 1, failed: 0 },
        { platformKey: 'shopify', sourceType: 'Commerce', started: 1, connected: 0, failed: 1 },
        { platformKey: 'stripe', sourceType: 'Commerce', started: 1, connected: 1, failed: 0 },
      ],
      weeks: [
        { weekStart: '2024-01-01', opened: 3, connected: 2, completed: 1, completionRate: 1 / 3 },
        { weekStart: '2024-01-08', opened: 5, connected: 1, completed: 0, completionRate: 0 },
      ],
    });
  });

  it('answers zeros for every step and week when the client has no events, from the last 30 days by default', async () => {
    const client = await t.seedClient();
    const funnel = await getAuthFunnel({ store: t.store, clock }, { clientId: client.id });
    expect(funnel.period).toEqual({ from: '2023-12-16', to: '2024-01-14' });
    expect(funnel.steps.every((step) => step.companies === 0)).toBe(true);
    expect(funnel.dropOut.every((step) => step.companies === 0)).toBe(true);
    expect(funnel.categories).toEqual([]);
    expect(funnel.platforms).toEqual([]);
    expect(funnel.weeks.map((week) => week.weekStart)).toEqual(['2023-12-11', '2023-12-18', '2023-12-25', '2024-01-01', '2024-01-08']);
    expect(funnel.weeks.every((week) => week.opened === 0 && week.completionRate === null)).toBe(true);
  });

  it('puts a week-crossing customer in each week it was active, and once in the steps', async () => {
    const client = await t.seedClient();
    const company = newTestId();
    // A Sunday late evening and the Monday after, then a year-end week (ISO week of 2024-12-30).
    for (const event of [
      ...visit(client.id, company, '2024-12-29T23:59:58.000Z', ['opened', ...on(XERO, 'platform_chosen')]),
      ...visit(client.id, company, '2024-12-30T00:00:01.000Z', ['opened', ...on(XERO, 'platform_chosen', 'consent_given', 'authorization_started', 'connected'), 'completed']),
    ]) {
      await t.store.linkEvents.insert(event);
    }
    const funnel = await getAuthFunnel({ store: t.store, clock }, { clientId: client.id }, { from: '2024-12-25', to: '2025-01-02' });
    expect(funnel.steps.map((step) => step.companies)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(funnel.weeks).toEqual([
      { weekStart: '2024-12-23', opened: 1, connected: 0, completed: 0, completionRate: 0 },
      { weekStart: '2024-12-30', opened: 1, connected: 1, completed: 1, completionRate: 1 },
    ]);
  });
});
