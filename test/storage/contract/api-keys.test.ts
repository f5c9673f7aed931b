/**
 * ApiKeyRepository: keys are stored by hash, listed and deleted per client.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import { at, buildApiKey, expectUniqueViolation } from './fixtures.js';
import { describeContract } from './harness.js';

describeContract('api keys', (t) => {
  let client: Client;
  let other: Client;
  const hash = (label: string) => `hash-${label}-${client.id}`;

  beforeAll(async () => {
    client = await t.seedClient();
    other = await t.seedClient();
  });

  it('inserts keys, lists them oldest first, counts them, and resolves a hash to its client', async () => {
    const second = buildApiKey(client.id, { name: 'second', keyHint: 'zz99', created: at(20) });
    const first = buildApiKey(client.id, { name: 'first', keyHint: 'aa11', created: at(10) });
    const foreign = buildApiKey(other.id, { name: 'foreign', created: at(5) });
    await t.store.apiKeys.insert(second, hash('second'));
    await t.store.apiKeys.insert(first, hash('first'));
    await t.store.apiKeys.insert(foreign, hash('foreign'));

    expect(await t.store.apiKeys.list(client.id)).toEqual([first, second]);
    expect(await t.store.apiKeys.list(other.id)).toEqual([foreign]);
    expect(await t.store.apiKeys.count(client.id)).toBe(2);
    expect(await t.store.apiKeys.count(other.id)).toBe(1);
    expect(await t.store.apiKeys.findClientIdByHash(hash('first'))).toBe(client.id);
    expect(await t.store.apiKeys.findClientIdByHash(hash('foreign'))).toBe(other.id);
    expect(await t.store.apiKeys.findClientIdByHash('hash-nobody')).toBeUndefined();
  });

  it('rejects a duplicate key hash in the database', async () => {
    await t.store.apiKeys.insert(buildApiKey(client.id), hash('dup'));
    await expectUniqueViolation(t.dialect, t.store.apiKeys.insert(buildApiKey(other.id), hash('dup')));
    expect(await t.store.apiKeys.findClientIdByHash(hash('dup'))).toBe(client.id);
  });

  it("revokes only the caller's own key, and remembers it revoked", async () => {
    const mine = buildApiKey(client.id, { created: at(30) });
    const theirs = buildApiKey(other.id, { created: at(30) });
    await t.store.apiKeys.insert(mine, hash('mine'));
    await t.store.apiKeys.insert(theirs, hash('theirs'));
    const otherCount = await t.store.apiKeys.count(other.id);

    expect(await t.store.apiKeys.revoke(client.id, theirs.id, at(40))).toBe(false);
    expect(await t.store.apiKeys.count(other.id)).toBe(otherCount);
    expect(await t.store.apiKeys.findClientIdByHash(hash('theirs'))).toBe(other.id);

    expect(await t.store.apiKeys.revoke(client.id, mine.id, at(40))).toBe(true);
    expect(await t.store.apiKeys.findClientIdByHash(hash('mine'))).toBeUndefined();
    expect((await t.store.apiKeys.list(client.id)).map((key) => key.id)).not.toContain(mine.id);
    expect(await t.store.apiKeys.isRevoked(hash('mine'))).toBe(true);
    expect(await t.store.apiKeys.isRevoked(hash('theirs'))).toBe(false);
    expect(await t.store.apiKeys.revoke(client.id, mine.id, at(40))).toBe(false);
  });
});
