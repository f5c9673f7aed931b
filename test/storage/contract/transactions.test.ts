/**
 * Store.transaction: commit, rollback (on a throw and on a constraint), and nesting.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import { ALL, at, buildCompany, buildConnection, buildWebhookConsumer, expectUniqueViolation, query, tags } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('transactions', (t) => {
  // Inside a transaction only the transaction's store is used: on SQLite the single connection
  // is held by the transaction, so using the outer store there would wait forever.
  let client: Client;

  beforeAll(async () => {
    client = await t.seedClient();
  });

  it('commits the work and returns its result', async () => {
    const company = buildCompany(client.id, { tags: { uid: 'committed' } });
    const connection = buildConnection(company);
    const result = await t.store.transaction(async (tx) => {
      await tx.companies.insert(company);
      await tx.connections.insert(connection);
      expect(await tx.companies.findById(client.id, company.id)).toEqual(company);
      const listed = await tx.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=committed'), filter: query('dataConnections.status=PendingAuth') });
      expect(listed).toEqual({ items: [company], total: 1 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await t.store.companies.findById(client.id, company.id)).toEqual(company);
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toEqual(connection);
  });

  it('rolls everything back when the work throws', async () => {
    const company = buildCompany(client.id, { tags: { uid: 'rolled-back' } });
    const connection = buildConnection(company);
    const consumer = buildWebhookConsumer(client.id);
    const failure = new Error('abort the transaction');
    await expect(
      t.store.transaction(async (tx) => {
        await tx.companies.insert(company);
        await tx.connections.insert(connection);
        await tx.webhookConsumers.insert(consumer);
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await t.store.companies.findById(client.id, company.id)).toBeUndefined();
    expect(await t.store.connections.findById(client.id, company.id, connection.id)).toBeUndefined();
    expect(await t.store.webhookConsumers.findById(client.id, consumer.id)).toBeUndefined();
    expect((await t.store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=rolled-back') })).total).toBe(0);
  });

  it('rolls back earlier writes when a later statement violates a constraint', async () => {
    const company = buildCompany(client.id);
    const first = buildConnection(company, { sourceType: 'Accounting', status: 'Linked' });
    const second = buildConnection(company, { sourceType: 'Accounting', status: 'Linked' });
    await expectUniqueViolation(
      t.dialect,
      t.store.transaction(async (tx) => {
        await tx.companies.insert(company);
        await tx.connections.insert(first);
        await tx.connections.insert(second);
      }),
    );
    expect(await t.store.companies.findById(client.id, company.id)).toBeUndefined();
    expect(await t.store.connections.findById(client.id, company.id, first.id)).toBeUndefined();
  });

  it('rolls back updates and deletes too', async () => {
    const company = await t.seedCompany(client.id, { name: 'Stable Ltd', tags: { uid: 'stable' } });
    const consumer = buildWebhookConsumer(client.id);
    await t.store.webhookConsumers.insert(consumer);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.companies.update({ ...company, name: 'Changed Ltd', tags: { uid: 'changed' }, modified: at(9) });
        expect(await tx.webhookConsumers.delete(client.id, consumer.id)).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.store.companies.findById(client.id, company.id)).toEqual(company);
    expect((await t.store.companies.list(client.id, { ...ALL, tagsFilter: tags('uid=stable') })).items.map((c) => c.id)).toEqual([company.id]);
    expect(await t.store.webhookConsumers.findById(client.id, consumer.id)).toEqual(consumer);
  });

  it('a nested transaction joins the outer one: it sees its writes and is rolled back with it', async () => {
    const outer = buildCompany(client.id, { name: 'Outer Ltd' });
    const inner = buildCompany(client.id, { name: 'Inner Ltd' });
    await expect(
      t.store.transaction(async (tx) => {
        await tx.companies.insert(outer);
        const seen = await tx.transaction(async (nested) => {
          await nested.companies.insert(inner);
          return nested.companies.findById(client.id, outer.id);
        });
        expect(seen).toEqual(outer);
        expect(await tx.companies.findById(client.id, inner.id)).toEqual(inner);
        throw new Error('abort outer');
      }),
    ).rejects.toThrow('abort outer');
    expect(await t.store.companies.findById(client.id, outer.id)).toBeUndefined();
    expect(await t.store.companies.findById(client.id, inner.id)).toBeUndefined();
  });

  it('a nested transaction is not a savepoint: its writes commit with the outer one even if it threw', async () => {
    const inner = buildCompany(client.id, { name: 'Inner Kept Ltd' });
    await t.store.transaction(async (tx) => {
      await expect(
        tx.transaction(async (nested) => {
          await nested.companies.insert(inner);
          throw new Error('inner failure');
        }),
      ).rejects.toThrow('inner failure');
    });
    expect(await t.store.companies.findById(client.id, inner.id)).toEqual(inner);
  });
});
