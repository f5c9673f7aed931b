/**
 * The first Portal admin: from DOORWAY_ADMIN_EMAIL/PASSWORD, or admin@localhost with a generated
 * password that works exactly once to print; a client that has users is left alone at restart.
 */
import { describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS } from '../support/databases.js';
import { PortalClient } from '../support/portal-client.js';
import { startDoorway } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('the first Portal admin on %s', (dialect) => {
  it('is generated with a password printed once, which signs in; a restart creates nobody', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const first = await startDoorway({ database, config: { portal: { adminEmail: undefined, adminPassword: undefined } } });
      const { createdEmail, generatedPassword } = first.runtime.firstAdmin;
      expect(createdEmail).toBe('admin@localhost');
      expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect((await new PortalClient(first.url).signIn('admin@localhost', generatedPassword!)).status).toBe(201);
      await first.close();

      const again = await startDoorway({ database, config: { portal: { adminEmail: 'other@example.test', adminPassword: 'another long password' } } });
      expect(again.runtime.firstAdmin).toEqual({ createdEmail: undefined, generatedPassword: undefined });
      expect((await new PortalClient(again.url).signIn('other@example.test', 'another long password')).status).toBe(401);
      await again.close();
    } finally {
      await database.drop();
    }
  });

  it('uses DOORWAY_ADMIN_EMAIL and DOORWAY_ADMIN_PASSWORD when set, printing nothing', async () => {
    const doorway = await startDoorway({ dialect, config: { portal: { adminEmail: 'Ops@Example.test', adminPassword: 'a configured password' } } });
    try {
      expect(doorway.runtime.firstAdmin).toEqual({ createdEmail: 'ops@example.test', generatedPassword: undefined });
      expect((await new PortalClient(doorway.url).signIn('ops@example.test', 'a configured password')).status).toBe(201);
    } finally {
      await doorway.close();
    }
  });
});
