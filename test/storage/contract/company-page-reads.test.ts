/**
 * The Company page's reads: each connection's token bookkeeping with its sealed credentials
 * (tokenRefresh.listForCompany), and the company's outbox events newest first, paged
 * (webhookOutbox.listCompanyEvents); neither ever shows another company's or tenant's rows.
 */
import { expect, it } from 'vitest';
import { initialRefreshState } from '../../../src/domain/token-refresh.js';
import { at, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('company page reads', (t) => {
  it('lists every connection of the company with its refresh row (if any) and sealed credentials', async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const linked = await t.seedConnection(company, { status: 'Linked', created: at(1) });
    const pending = await t.seedConnection(company, { status: 'PendingAuth', created: at(2) });
    await t.store.connections.saveCredentials(client.id, linked.id, 'sealed-tokens');
    const state = { ...initialRefreshState(linked, at(50), new Date(at(0))), failingSince: at(5), failureDays: 2, lastError: 'Platform unreachable' };
    await t.store.tokenRefresh.initialise(state);
    // Another company of the client, and the same company id asked for by another tenant: nothing of theirs.
    const other = await t.seedCompany(client.id);
    await t.seedConnection(other, { status: 'Linked' });
    const stranger = await t.seedClient();

    expect(await t.store.tokenRefresh.listForCompany(client.id, company.id)).toEqual([
      { connectionId: linked.id, sealedCredentials: 'sealed-tokens', state: { ...state, leaseUntil: null, leaseOwner: null } },
      { connectionId: pending.id, sealedCredentials: null, state: undefined },
    ]);
    expect(await t.store.tokenRefresh.listForCompany(stranger.id, company.id)).toEqual([]);
  });

  it("pages a company's events newest first, with their total, and only that company's", async () => {
    const client = await t.seedClient();
    const company = await t.seedCompany(client.id);
    const other = await t.seedCompany(client.id);
    const stranger = await t.seedClient();
    const event = (companyId: string, clientId: string, minute: number) => ({
      id: newTestId(),
      clientId,
      eventType: 'connection.created',
      companyId,
      body: JSON.stringify({ minute }),
      created: at(minute),
    });
    const ours = [1, 2, 3, 4, 5].map((minute) => event(company.id, client.id, minute));
    for (const e of [...ours, event(other.id, client.id, 6), event(company.id, stranger.id, 7)]) await t.store.webhookOutbox.insertEvent(e);

    const first = await t.store.webhookOutbox.listCompanyEvents(client.id, company.id, { offset: 0, limit: 2 });
    expect({ ids: first.items.map((e) => e.id), total: first.total }).toEqual({ ids: [ours[4]!.id, ours[3]!.id], total: 5 });
    const last = await t.store.webhookOutbox.listCompanyEvents(client.id, company.id, { offset: 4, limit: 2 });
    expect(last.items).toEqual([ours[0]]);
    expect(last.total).toBe(5);
    expect((await t.store.webhookOutbox.listCompanyEvents(stranger.id, other.id, { offset: 0, limit: 10 })).total).toBe(0);
  });
});
