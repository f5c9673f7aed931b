/**
 * SandboxGrantRepository: a grant reads back as written, its refresh generation moves on by
 * compare-and-swap (one winner among concurrent swaps; none once revoked or expired), revocation
 * happens once, and pruning deletes only expired grants.
 */
import { expect, it } from 'vitest';
import type { SandboxGrant } from '../../../src/domain/sandbox-grant.js';
import { at, newTestId } from './fixtures.js';
import { describeContract } from './harness.js';

const grant = (overrides: Partial<SandboxGrant> = {}): SandboxGrant => ({
  id: newTestId(),
  oauthClientId: 'doorway-sandbox',
  dataset: 'us-saas',
  scope: 'accounting.read offline_access',
  refreshGeneration: 0,
  created: at(0),
  expiresAt: at(60),
  revokedAt: null,
  ...overrides,
});

describeContract('sandbox grants', (t) => {
  it('reads a grant back as written, and nothing for an unknown id', async () => {
    const written = grant();
    await t.store.sandboxGrants.insert(written);
    expect(await t.store.sandboxGrants.findById(written.id)).toEqual(written);
    expect(await t.store.sandboxGrants.findById(newTestId())).toBeUndefined();
  });

  it('rotates from the current generation only, pushing the expiry out', async () => {
    const written = grant();
    await t.store.sandboxGrants.insert(written);
    expect(await t.store.sandboxGrants.rotate(written.id, 0, at(120), at(1))).toBe(true);
    expect(await t.store.sandboxGrants.rotate(written.id, 0, at(120), at(1))).toBe(false);
    expect(await t.store.sandboxGrants.findById(written.id)).toEqual({ ...written, refreshGeneration: 1, expiresAt: at(120) });
    expect(await t.store.sandboxGrants.rotate(written.id, 1, at(130), at(2))).toBe(true);
  });

  it('lets exactly one of many concurrent rotations of one generation win', async () => {
    const written = grant();
    await t.store.sandboxGrants.insert(written);
    const results = await Promise.all(Array.from({ length: 10 }, () => t.store.sandboxGrants.rotate(written.id, 0, at(120), at(1))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await t.store.sandboxGrants.findById(written.id))?.refreshGeneration).toBe(1);
  });

  it('refuses to rotate a revoked or expired grant', async () => {
    const revoked = grant();
    await t.store.sandboxGrants.insert(revoked);
    expect(await t.store.sandboxGrants.revoke(revoked.id, at(5))).toBe(true);
    expect(await t.store.sandboxGrants.revoke(revoked.id, at(6))).toBe(false);
    expect(await t.store.sandboxGrants.findById(revoked.id)).toEqual({ ...revoked, revokedAt: at(5) });
    expect(await t.store.sandboxGrants.rotate(revoked.id, 0, at(120), at(6))).toBe(false);

    const expired = grant({ expiresAt: at(10) });
    await t.store.sandboxGrants.insert(expired);
    expect(await t.store.sandboxGrants.rotate(expired.id, 0, at(120), at(10))).toBe(false);
    expect(await t.store.sandboxGrants.revoke(newTestId(), at(5))).toBe(false);
  });

  it('prunes only grants that expired before now, revoked or not', async () => {
    const old = grant({ expiresAt: at(-1_000_000) });
    const oldRevoked = grant({ expiresAt: at(-1_000_000), revokedAt: at(-1_000_001) });
    const live = grant({ expiresAt: at(1_000_000) });
    for (const g of [old, oldRevoked, live]) await t.store.sandboxGrants.insert(g);
    let deleted = 0;
    for (let batch = 1; batch > 0; deleted += batch) batch = await t.store.sandboxGrants.deleteExpired(at(-999_999), 1);
    expect(deleted).toBe(2);
    expect(await t.store.sandboxGrants.findById(old.id)).toBeUndefined();
    expect(await t.store.sandboxGrants.findById(oldRevoked.id)).toBeUndefined();
    expect(await t.store.sandboxGrants.findById(live.id)).toEqual(live);
  });
});
