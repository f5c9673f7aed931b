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
});
