/**
 * ClientRepository (src/storage/ports.ts): round trip, lookup by slug, count, update, unique slug.
 */
import { expect, it } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import { at, buildClient, expectUniqueViolation, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('clients', (t) => {
  it('inserts and finds a client by id and by slug, with every field round-tripped', async () => {
    const client = buildClient({
      name: 'Round Trip Lending',
      logoUrl: 'https://cdn.example/logo.png',
      iconUrl: 'https://cdn.example/icon.png',
      whiteListUrls: ['https://a.example', 'https://b.example'],
      corsAllowedOrigins: ['https://portal.example'],
      created: at(1),
      modified: at(2),
    });
    await t.store.clients.insert(client);

    expect(await t.store.clients.findById(client.id)).toEqual(client);
    expect(await t.store.clients.findBySlug(client.slug)).toEqual(client);
    expect(await t.store.clients.findById(newTestId())).toBeUndefined();
    expect(await t.store.clients.findBySlug('no-such-slug')).toBeUndefined();
  });

  it('counts clients', async () => {
    const before = await t.store.clients.count();
    await t.seedClient();
    await t.seedClient();
    expect(await t.store.clients.count()).toBe(before + 2);
  });

  it('updates every mutable field and keeps created', async () => {
    const client = await t.seedClient({ created: at(1), modified: at(1) });
    const updated: Client = {
      ...client,
      name: 'Renamed Lender',
      slug: `renamed-${client.id.slice(0, 8)}`,
      logoUrl: 'https://cdn.example/new-logo.png',
      iconUrl: null,
      redirectUrl: 'https://lender.example/new-redirect',
      whiteListUrls: ['https://new.example'],
      corsAllowedOrigins: ['https://x.example', 'https://y.example'],
      created: at(999),
      modified: at(5),
    };
    await t.store.clients.update(updated);

    expect(await t.store.clients.findById(client.id)).toEqual({ ...updated, created: at(1) });
    expect(await t.store.clients.findBySlug(client.slug)).toBeUndefined();
    expect((await t.store.clients.findBySlug(updated.slug))?.id).toBe(client.id);
  });

  it('rejects a duplicate slug in the database', async () => {
    const first = await t.seedClient();
    await expectUniqueViolation(t.dialect, t.store.clients.insert(buildClient({ slug: first.slug })));
    expect((await t.store.clients.findBySlug(first.slug))?.id).toBe(first.id);
  });
});
