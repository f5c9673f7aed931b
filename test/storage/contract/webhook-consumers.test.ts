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

  it('updates every mutable field, keeps created, and never across tenants', async () => {
    const client = await t.seedClient();
    const other = await t.seedClient();
    const consumer = buildWebhookConsumer(client.id, { created: at(1), modified: at(1) });
    await t.store.webhookConsumers.insert(consumer);
    const updated = {
      ...consumer,
      url: 'https://new.example/hook',
      disabled: true,
      eventTypes: ['*'],
      companyTags: ['region=us', 'tier=gold'],
      secretSealed: 'sealed-new',
      previousSecretSealed: 'sealed-secret',
      previousSecretExpiresAt: at(60),
      failingSince: at(2),
      disabledReason: 'Disabled after failing for 5 days.',
      created: at(999),
      modified: at(3),
    };
    await t.store.webhookConsumers.update(updated);
    expect(await t.store.webhookConsumers.findById(client.id, consumer.id)).toEqual({ ...updated, created: at(1) });

    await t.store.webhookConsumers.update({ ...updated, clientId: other.id, url: 'https://hijack.example/hook' });
    expect((await t.store.webhookConsumers.findById(client.id, consumer.id))?.url).toBe('https://new.example/hook');
    expect(await t.store.webhookConsumers.findById(other.id, consumer.id)).toBeUndefined();
  });

  it("the delivery worker's unscoped lookup finds any client's consumer by id", async () => {
    const client = await t.seedClient();
    const consumer = buildWebhookConsumer(client.id);
    await t.store.webhookConsumers.insert(consumer);
    expect(await t.store.webhookConsumers.findByIdUnscoped(consumer.id)).toEqual(consumer);
    expect(await t.store.webhookConsumers.findByIdUnscoped(newTestId())).toBeUndefined();
  });
});
