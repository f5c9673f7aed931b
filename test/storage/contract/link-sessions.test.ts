/**
 * LinkSessionRepository: a Link visit's session round-trips (its query parameters included) and
 * gets its company attached once an Invite visit has created one. Sessions are found by their
 * unguessable id alone: the id itself establishes the tenant.
 */
import { expect, it } from 'vitest';
import { at, buildLinkSession, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('link sessions', (t) => {
  it('inserts and finds a session with every field round-tripped', async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const session = buildLinkSession(client.id, {
      companyId: company.id,
      params: { 'link.showSandboxIntegrations': 'false', customer: 'ACME ✓', empty: '' },
      created: at(1),
      expiresAt: at(1 + 24 * 60),
    });
    await t.store.linkSessions.insert(session);

    expect(await t.store.linkSessions.find(session.id)).toEqual(session);
    expect(await t.store.linkSessions.find(newTestId())).toBeUndefined();
  });

  it("round-trips an embedded session's page origin and mount options", async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const embed = {
      origin: 'https://lender.example',
      options: { showSandboxIntegrations: false, sourceTypes: { banking: { optional: false, enableIntegrations: true, allowedIntegrations: ['mqjo'] } } },
    };
    const session = buildLinkSession(client.id, { companyId: company.id, embed });
    await t.store.linkSessions.insert(session);
    expect(await t.store.linkSessions.find(session.id)).toEqual(session);
  });

  it('keeps an Invite session without a company, and with no parameters', async () => {
    const client = await t.seedClient();
    const session = buildLinkSession(client.id);
    await t.store.linkSessions.insert(session);
    expect(await t.store.linkSessions.find(session.id)).toEqual({ ...session, companyId: null, params: {} });
  });

  it('attaches a company to that session only', async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const session = buildLinkSession(client.id);
    const sibling = buildLinkSession(client.id);
    await t.store.linkSessions.insert(session);
    await t.store.linkSessions.insert(sibling);

    await t.store.linkSessions.attachCompany(session.id, company.id);
    expect(await t.store.linkSessions.find(session.id)).toEqual({ ...session, companyId: company.id });
    expect(await t.store.linkSessions.find(sibling.id)).toEqual(sibling);

    await t.store.linkSessions.attachCompany(newTestId(), company.id); // unknown: a no-op, not an error
  });

  it('rejects a second session with the same id', async () => {
    const client = await t.seedClient();
    const session = buildLinkSession(client.id);
    await t.store.linkSessions.insert(session);
    await expect(t.store.linkSessions.insert({ ...session, browserHash: 'another-browser' })).rejects.toThrow();
    expect((await t.store.linkSessions.find(session.id))?.browserHash).toBe(session.browserHash);
  });

  // Times far before every other test's rows, so only this test's sessions are expired at the cut-off.
  const CUT_OFF = at(-99_000);

  it('deletes expired sessions in bounded batches, oldest first, and keeps the others', async () => {
    const client = await t.seedClient();
    const expired = [4, 1, 3, 0, 2].map((i) => buildLinkSession(client.id, { created: at(-101_000), expiresAt: at(-100_000 + i) }));
    const live = buildLinkSession(client.id, { created: at(-101_000), expiresAt: CUT_OFF }); // expires exactly at the cut-off: not yet before it
    for (const session of [...expired, live]) await t.store.linkSessions.insert(session);
    const byExpiry = [...expired].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));

    expect(await t.store.linkSessions.deleteExpired(CUT_OFF, 2)).toBe(2);
    expect(await t.store.linkSessions.find(byExpiry[0]!.id)).toBeUndefined();
    expect(await t.store.linkSessions.find(byExpiry[1]!.id)).toBeUndefined();
    expect(await t.store.linkSessions.find(byExpiry[2]!.id)).toBeDefined();
    expect(await t.store.linkSessions.deleteExpired(CUT_OFF, 2)).toBe(2);
    expect(await t.store.linkSessions.deleteExpired(CUT_OFF, 2)).toBe(1);
    expect(await t.store.linkSessions.deleteExpired(CUT_OFF, 2)).toBe(0);
    for (const session of expired) expect(await t.store.linkSessions.find(session.id)).toBeUndefined();
    expect(await t.store.linkSessions.find(live.id)).toEqual(live);
  });

  it('deletes each expired session once when several pruners run at the same time', async () => {
    const client = await t.seedClient();
    const expired = Array.from({ length: 60 }, (_, i) => buildLinkSession(client.id, { created: at(-101_000), expiresAt: at(-100_000 + (i % 7)) }));
    for (const session of expired) await t.store.linkSessions.insert(session);
    const pruner = async () => {
      let total = 0;
      for (let deleted = -1; deleted !== 0; ) total += deleted = await t.store.linkSessions.deleteExpired(CUT_OFF, 5);
      return total;
    };
    const counts = await Promise.all([pruner(), pruner(), pruner(), pruner()]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(60);
    for (const session of expired) expect(await t.store.linkSessions.find(session.id)).toBeUndefined();
  });
});
