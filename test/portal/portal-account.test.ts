/**
 * Changing one's own password over HTTP, on both databases: every role may; the current password
 * is checked (and its failures count like failed sign-ins); other sessions end, this browser
 * carries on in a new one.
 */
import { describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/databases.js';
import { PortalClient, signInAs, staffUser } from '../support/portal-client.js';
import { doorwayForSuite } from '../support/start-doorway.js';

describe.each(TEST_DIALECTS)('Portal account on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect });

  it('changes a viewer’s own password, ending their other sessions', async () => {
    const viewer = await staffUser(doorway, 'viewer');
    const otherDevice = await signInAs(doorway, viewer.email, viewer.password);
    const changed = await viewer.put('/account/password', { currentPassword: viewer.password, newPassword: 'a brand new passphrase' });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json.csrfToken).not.toBe(viewer.session!.csrfToken);
    viewer.csrfToken = changed.json.csrfToken;
    expect((await viewer.get('/session')).status).toBe(200);
    expect((await otherDevice.get('/session')).status).toBe(401);
    expect((await new PortalClient(doorway.url).signIn(viewer.email, viewer.password)).status).toBe(401);
    await signInAs(doorway, viewer.email, 'a brand new passphrase');
    // The new session takes changes with its own CSRF token.
    expect((await viewer.del('/session')).status).toBe(204);
  });

  it('refuses a wrong current password or a short new one, field by field, and throttles guessing', async () => {
    const developer = await staffUser(doorway, 'developer');
    const short = await developer.put('/account/password', { currentPassword: developer.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.json.error.fields.newPassword).toMatch(/at least 12/);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await developer.put('/account/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error.fields.currentPassword).toBe('That is not your current password.');
    }
    const throttled = await developer.put('/account/password', { currentPassword: developer.password, newPassword: 'a brand new passphrase' });
    expect(throttled.status).toBe(429);
    expect((await new PortalClient(doorway.url).signIn(developer.email, developer.password)).status).toBe(429);
    expect((await developer.put('/account/password', { currentPassword: 5 })).status).toBe(400);
  });
});
