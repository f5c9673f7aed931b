/**
 * LinkEventRepository: the Link funnel's events, stored with their JSON detail and listed per
 * session in the order they happened.
 */
import { expect, it } from 'vitest';
import { at, buildLinkEvent, buildLinkSession, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('link events', (t) => {
  it("lists a session's events oldest first with every field round-tripped, and only that session's", async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const session = buildLinkSession(client.id, { companyId: company.id });
    const otherSession = buildLinkSession(client.id, { companyId: company.id });
    const connected = buildLinkEvent(session, {
      type: 'connected',
      connectionId: newTestId(),
      platformKey: 'xero',
      sourceType: 'Accounting',
      detail: { attempt: 2, scopes: ['a', 'b'], note: 'héllo ✓', nested: { ok: true } },
      created: at(3),
    });
    const opened = buildLinkEvent(session, { type: 'opened', created: at(1) });
    const chosen = buildLinkEvent(session, { type: 'platform_chosen', platformKey: 'xero', created: at(2) });
    const elsewhere = buildLinkEvent(otherSession, { type: 'exited', created: at(2) });
    for (const event of [connected, opened, elsewhere, chosen]) await t.store.linkEvents.insert(event);

    expect(await t.store.linkEvents.listForSession(session.id)).toEqual([opened, chosen, connected]);
    expect(await t.store.linkEvents.listForSession(otherSession.id)).toEqual([elsewhere]);
    expect(await t.store.linkEvents.listForSession(newTestId())).toEqual([]);
  });

  it('orders events of the same instant by id, so the order is stable', async () => {
    const client = await t.seedClient();
    const session = buildLinkSession(client.id);
    const events = ['b', 'c', 'a'].map((suffix) => buildLinkEvent(session, { id: `evt-${session.id}-${suffix}`, created: at(5) }));
    for (const event of events) await t.store.linkEvents.insert(event);
    expect((await t.store.linkEvents.listForSession(session.id)).map((event) => event.id)).toEqual([...events.map((e) => e.id)].sort());
  });

  it('keeps an event without a company or detail (before an Invite visit created the company)', async () => {
    const client = await t.seedClient();
    const session = buildLinkSession(client.id);
    const event = buildLinkEvent(session, { type: 'company_created', companyId: null, detail: null });
    await t.store.linkEvents.insert(event);
    expect(await t.store.linkEvents.listForSession(session.id)).toEqual([event]);
  });

  it('deletes events created before the retention cut-off in bounded batches and keeps newer ones', async () => {
    const cutOff = at(-99_000); // far before every other test's events
    const client = await t.seedClient();
    const session = buildLinkSession(client.id);
    const old = [2, 0, 1].map((i) => buildLinkEvent(session, { created: at(-100_000 + i) }));
    const kept = buildLinkEvent(session, { type: 'completed', created: cutOff });
    for (const event of [...old, kept]) await t.store.linkEvents.insert(event);

    expect(await t.store.linkEvents.deleteCreatedBefore(cutOff, 2)).toBe(2);
    expect((await t.store.linkEvents.listForSession(session.id)).map((event) => event.created)).toEqual([at(-100_000 + 2), cutOff]);
    expect(await t.store.linkEvents.deleteCreatedBefore(cutOff, 2)).toBe(1);
    expect(await t.store.linkEvents.deleteCreatedBefore(cutOff, 2)).toBe(0);
    expect(await t.store.linkEvents.listForSession(session.id)).toEqual([kept]);
  });
});
