/**
 * Every state change of the API and the Link flow produces its Codat event, delivered by the
 * worker and verified by a receiver using the `svix` library; filters by event type and company
 * tags; an operation that fails produces no event (transactional outbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/domain/events.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('webhook events over HTTP on %s', (dialect) => {
  let doorway: RunningDoorway;
  let all: WebhookReceiver;
  let filtered: WebhookReceiver;
  let filteredConsumerId: string;

  async function subscribe(receiver: WebhookReceiver, eventTypes: string[], companyTags?: string[]) {
    const consumer = await doorway.api('POST', '/webhooks', { url: receiver.url, eventTypes, ...(companyTags ? { companyTags } : {}) });
    expect(consumer.status).toBe(201);
    receiver.secrets.push((await doorway.api('GET', `/webhooks/${consumer.json.id}/secret`)).json.key as string);
    return consumer.json.id as string;
  }

  beforeAll(async () => {
    doorway = await startDoorway({ dialect, webhookWorker: true });
    all = await startWebhookReceiver();
    filtered = await startWebhookReceiver();
    await subscribe(all, [...EVENT_TYPES]);
    filteredConsumerId = await subscribe(filtered, ['company.created'], ['region:uk']);
  });
  afterAll(async () => {
    await doorway?.close();
    await all?.close();
    await filtered?.close();
  });

  /**
   * The outbox's record of what it will ever send for these companies: (consumer, event type)
   * per message. Messages are written in the same transaction as the change, so once the change
   * has answered this is final; no waiting can add to it.
   */
  const outboxMessages = async (companyIds: string[]) =>
    doorway.runtime.database.db
      .selectFrom('webhook_messages')
      .innerJoin('webhook_events', 'webhook_events.id', 'webhook_messages.event_id')
      .select(['webhook_messages.consumer_id as consumerId', 'webhook_messages.event_type as eventType', 'webhook_events.company_id as companyId', 'webhook_messages.status as status'])
      .where('webhook_events.company_id', 'in', companyIds)
      .execute();

  /** Polls until no message for these companies is still pending: every delivery has been made. */
  async function outboxDelivered(companyIds: string[]): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await outboxMessages(companyIds)).some((m) => m.status !== 'Success')) {
      if (Date.now() > deadline) throw new Error('the outbox still holds undelivered messages');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const types = (receiver: WebhookReceiver, companyId: string) =>
    receiver.received
      .filter((r) => (r.event.payload.referenceCompany?.id ?? r.event.payload.id) === companyId)
      .map((r) => r.event.eventType);

  describe('webhook events', () => {
    it('delivers every event type with Codat payloads, signed', async () => {
      const company = (await doorway.api('POST', '/companies', { name: 'Events Ltd', tags: { region: 'uk' } })).json;
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(company.redirect as string);
      await authorizeThroughSandbox(browser, sessionId, 'cancel');
      const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      const path = `/companies/${company.id}/connections/${connectionId}`;
      expect((await doorway.api('PATCH', path, { status: 'Unlinked' })).status).toBe(200);
      expect((await doorway.api('PUT', `${path}/authorization`, { accessToken: 'migrated' })).status).toBe(200);
      expect((await doorway.api('DELETE', path)).status).toBe(200);
      expect((await doorway.api('DELETE', `/companies/${company.id}`)).status).toBe(204);

      const expected = [
        'company.created',
        'connection.created',
        'connection.failed',
        'connection.connected',
        'connection.disconnected',
        'connection.reconnected',
        'connection.deleted',
        'company.deleted',
      ];
      await all.waitFor(() => types(all, company.id as string).length >= expected.length);
      expect([...types(all, company.id as string)].sort()).toEqual([...expected].sort());
      expect(all.rejected).toBe(0);

      const byType = new Map(all.received.map((r) => [r.event.eventType, r]));
      const created = byType.get('company.created')!;
      expect(created.id).toMatch(/^msg_/);
      expect(created.event).toMatchObject({ eventType: 'company.created', payload: { id: company.id, name: 'Events Ltd', redirect: company.redirect, tags: { region: 'uk' } } });
      expect(created.event.payload.dataConnections).toBeUndefined();
      const connected = byType.get('connection.connected')!.event.payload;
      expect(connected.referenceCompany).toMatchObject({ id: company.id, name: 'Events Ltd', tags: { region: 'uk' }, links: { portal: expect.any(String) } });
      expect(connected.connection).toMatchObject({ id: connectionId, status: 'Linked', integrationKey: 'mqjo', platformName: 'Sandbox', sourceType: 'Accounting' });
      const failed = byType.get('connection.failed')!.event.payload;
      expect(failed.connection.status).toBe('PendingAuth');
      expect(failed.connection.dataConnectionErrors[0]).toMatchObject({ statusCode: '403', status: 'Active' });
      expect(byType.get('connection.disconnected')!.event.payload.connection.status).toBe('Unlinked');
    });

    it('filters by event type and company tags', async () => {
      const uk = (await doorway.api('POST', '/companies', { name: 'UK Ltd', tags: { region: 'uk' } })).json;
      const us = (await doorway.api('POST', '/companies', { name: 'US Inc', tags: { region: 'us' } })).json;
      await doorway.api('POST', `/companies/${uk.id}/connections`, { platformKey: 'mqjo' });
      await all.waitFor(() => types(all, us.id as string).includes('company.created') && types(all, uk.id as string).includes('connection.created'));
      // The filter applies when the outbox fans an event out: the filtered consumer got exactly one message.
      const forFiltered = (await outboxMessages([uk.id as string, us.id as string])).filter((m) => m.consumerId === filteredConsumerId);
      expect(forFiltered.map((m) => [m.companyId, m.eventType])).toEqual([[uk.id, 'company.created']]);
      // And once the outbox has delivered everything for these companies, the receiver saw just that.
      await outboxDelivered([uk.id as string, us.id as string]);
      expect(types(filtered, uk.id as string)).toEqual(['company.created']);
      expect(types(filtered, us.id as string)).toEqual([]);
    });

    it('sends no event for a change that failed', async () => {
      const company = (await doorway.api('POST', '/companies', { name: 'Atomic Ltd' })).json;
      const first = await doorway.api('POST', `/companies/${company.id}/connections`, { platformKey: 'mqjo' });
      await doorway.api('PUT', `/companies/${company.id}/connections/${first.json.id}/authorization`, { token: 'x' });
      const refused = await doorway.api('POST', `/companies/${company.id}/connections`, { platformKey: 'mqjo' });
      expect(refused.status).toBe(409);
      await outboxDelivered([company.id as string]);
      expect(types(all, company.id as string).filter((t) => t === 'connection.created')).toHaveLength(1);
      const events = await doorway.runtime.database.db.selectFrom('webhook_events').select('event_type').where('company_id', '=', company.id as string).execute();
      expect(events.map((e) => e.event_type).sort()).toEqual(['company.created', 'connection.connected', 'connection.created']);
    });
  });
});
