/**
 * WebhookConsumerRepository: insert, list, count, find, update and delete, scoped per client;
 * the delivery worker's unscoped lookup.
 */
import { expect, it } from 'vitest';
import { at, buildWebhookConsumer, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('webhook consumers', (t) => {
  it('inserts, lists oldest first, counts and finds, scoped per client', async () => {
    const client = await t.seedClient();
    const other = await t.seedClient();
    const later = buildWebhookConsumer(client.id, { url: 'https://b.example/hook', created: at(20), modified: at(20) });
    const earlier = buildWebhookConsumer(client.id, {
      url: 'https://a.example/hook',
      disabled: true,
      eventTypes: ['connection.connected', 'company.deleted'],
      companyTags: ['region=uk'],
      created: at(10),
      modified: at(11),
    });
    const foreign = buildWebhookConsumer(other.id);
    for (const consumer of [later, earlier, foreign]) await t.store.webhookConsumers.insert(consumer);

    expect(await t.store.webhookConsumers.list(client.id)).toEqual([earlier, later]);
    expect(await t.store.webhookConsumers.list(other.id)).toEqual([foreign]);
    expect(await t.store.webhookConsumers.count(client.id)).toBe(2);
    expect(await t.store.webhookConsumers.count(other.id)).toBe(1);
    expect(await t.store.webhookConsumers.findById(client.id, earlier.id)).toEqual(earlier);
    expect(await t.store.webhookConsumers.findById(other.id, earlier.id)).toBeUndefined();
    expect(await t.store.webhookConsumers.findById(client.id, newTestId())).toBeUndefined();
  });

  it("deletes only the caller's own consumer", async () => {
    const client = await t.seedClient();
    const other = await t.seedClient();
    const mine = buildWebhookConsumer(client.id);
    const theirs = buildWebhookConsumer(other.id);
    await t.store.webhookConsumers.insert(mine);
    await t.store.webhookConsumers.insert(theirs);

    expect(await t.store.webhookConsumers.delete(client.id, theirs.id)).toBe(false);
    expect(await t.store.webhookConsumers.findById(other.id, theirs.id)).toEqual(theirs);
    expect(await t.store.webhookConsumers.delete(client.id, mine.id)).toBe(true);
    expect(await t.store.webhookConsumers.findById(client.id, mine.id)).toBeUndefined();
    expect(await t.store.webhookConsumers.count(client.id)).toBe(0);
    expect(await t.store.webhookConsumers.count(other.id)).toBe(1);
    expect(await t.store.webhookConsumers.delete(client.id, mine.id)).toBe(false);
  });
});
