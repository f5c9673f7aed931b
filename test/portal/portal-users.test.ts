/**
 * Staff management over HTTP, on both databases: an admin invites (the link answered once, the
 * token never listed), the invited person accepts once (concurrent accepts make one user),
 * unusable links get one friendly answer, roles change and users go with their sessions, and a
 * client always keeps an admin, even when two admins demote each other at once.
 */
import { describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS } from '../../src/domain/portal/staff.js';
import { createClient } from '../../src/services/clients/create-client.js';
import { changeStaffRole } from '../../src/services/portal-auth/change-staff-role.js';
import { MAX_PENDING_INVITATIONS_PER_CLIENT } from '../../src/services/portal-auth/invite-staff-user.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { PortalClient, signInAs, signInAsAdmin, staffUser } from '../support/portal-client.js';
import { doorwayForSuite, TEST_ADMIN } from '../support/start-doorway.js';

let clockOffsetMs = 0;
const clock = { now: () => new Date(Date.now() + clockOffsetMs) };

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
let inviteCounter = 0;
const newEmail = (label: string) => `${label}-${(inviteCounter += 1)}-${Date.now()}@invited.test`;

describe.each(TEST_DIALECTS)('Portal users on %s', (dialect) => {
  const doorway = doorwayForSuite({ dialect, clock });

  const invite = async (admin: PortalClient, role = 'developer', email = newEmail(role)) => {
    const result = await admin.post('/invitations', { email, role });
    expect(result.status, JSON.stringify(result.json)).toBe(201);
    return { email, url: result.json.url as string, id: result.json.invitation.id as string };
  };

  /** The invited person's browser: opens the page (pre-session CSRF), then accepts. */
  const accept = async (url: string, password = 'my chosen password') => {
    const browser = new PortalClient(doorway.url);
    await browser.openPage();
    const result = await browser.post(`/invitation-links/${tokenOf(url)}`, { password });
    if (result.status === 201) browser.csrfToken = result.json.csrfToken;
    return { browser, result };
  };

  it('invites with a link shown once, valid 7 days, listed without its token', async () => {
    const admin = await signInAsAdmin(doorway);
    const email = newEmail('Mixed.Case');
    const created = await admin.post('/invitations', { email: `  ${email.toUpperCase()} `, role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.json.url).toMatch(new RegExp(`^${doorway.url}/portal/invitations/[A-Za-z0-9_-]{43}$`));
    expect(created.json.invitation).toMatchObject({ email: email.toLowerCase(), role: 'viewer' });
    expect(Date.parse(created.json.invitation.expiresAt) - Date.parse(created.json.invitation.created)).toBe(INVITATION_TTL_MS);

    const listed = await admin.get('/invitations');
    expect(listed.status).toBe(200);
    const mine = listed.json.results.find((item: { id: string }) => item.id === created.json.invitation.id);
    expect(mine).toEqual(created.json.invitation);
    expect(JSON.stringify(listed.json)).not.toContain(tokenOf(created.json.url));

    const preview = await new PortalClient(doorway.url).get(`/invitation-links/${tokenOf(created.json.url)}`);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ client: { name: doorway.runtime.defaultClient.client.name }, email: email.toLowerCase(), role: 'viewer' });
  });

  it('refuses an email that already has an account anywhere, or is invited already, or a bad one', async () => {
    const admin = await signInAsAdmin(doorway);
    const taken = await admin.post('/invitations', { email: TEST_ADMIN.email, role: 'viewer' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.fields.email).toMatch(/already has a Doorway account/);
    const { email } = await invite(admin);
    const again = await admin.post('/invitations', { email, role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.json.error.fields.email).toMatch(/already been invited/);
    const bad = await admin.post('/invitations', { email: 'not an email', role: 'viewer' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.email).toBeTruthy();
    const badRole = await admin.post('/invitations', { email: newEmail('x'), role: 'owner' });
    expect(badRole.status).toBe(400);
    expect(badRole.json.error.fields.role).toBeTruthy();
  });

  it('accepts once: the new user is signed in with the invited role, and the link is spent', async () => {
    const admin = await signInAsAdmin(doorway);
    const { email, url } = await invite(admin, 'developer');
    const short = await accept(url, 'short');
    expect(short.result.status).toBe(400);
    expect(short.result.json.error.fields.password).toMatch(/at least 12/);

    const { browser, result } = await accept(url);
    expect(result.status, JSON.stringify(result.json)).toBe(201);
    expect(result.json.user).toMatchObject({ email, role: 'developer' });
    expect(result.headers.getSetCookie().some((line) => line.startsWith('dw_portal_session='))).toBe(true);
    expect((await browser.get('/session')).json.user.email).toBe(email);
    await signInAs(doorway, email, 'my chosen password');

    const spent = await accept(url);
    expect(spent.result.status).toBe(404);
    expect(spent.result.json.error.message).toMatch(/already been used, was revoked, or has expired/);
    expect((await new PortalClient(doorway.url).get(`/invitation-links/${tokenOf(url)}`)).status).toBe(404);
    expect((await admin.get('/invitations')).json.results.some((item: { email: string }) => item.email === email)).toBe(false);
  });

  it('makes exactly one user when the same link is accepted several times at once', async () => {
    const admin = await signInAsAdmin(doorway);
    const { email, url } = await invite(admin, 'viewer');
    const results = await Promise.all([1, 2, 3, 4].map(() => accept(url)));
    expect(results.map(({ result }) => result.status).sort()).toEqual([201, 404, 404, 404]);
    const users = await admin.get('/users');
    expect(users.json.results.filter((user: { email: string }) => user.email === email)).toHaveLength(1);
  });

  it('gives revoked, expired, unknown and malformed links one friendly answer', async () => {
    const admin = await signInAsAdmin(doorway);
    const revoked = await invite(admin);
    expect((await admin.del(`/invitations/${revoked.id}`)).status).toBe(204);
    expect((await admin.del(`/invitations/${revoked.id}`)).status).toBe(404);
    const expired = await invite(admin);
    const answers = [];
    for (const token of [tokenOf(revoked.url), 'A'.repeat(43), 'short', 'x'.repeat(500)]) answers.push(await new PortalClient(doorway.url).get(`/invitation-links/${token}`));
    clockOffsetMs = INVITATION_TTL_MS + 1000;
    try {
      answers.push(await new PortalClient(doorway.url).get(`/invitation-links/${tokenOf(expired.url)}`));
      answers.push((await accept(expired.url)).result);
    } finally {
      clockOffsetMs = 0;
    }
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.json.error.message).toMatch(/Ask an admin of your team for a new one/);
    }
  });

  it('accepts only with the pre-session CSRF token', async () => {
    const admin = await signInAsAdmin(doorway);
    const { url } = await invite(admin);
    const browser = new PortalClient(doorway.url);
    await browser.openPage();
    const path = `/invitation-links/${tokenOf(url)}`;
    expect((await browser.call('POST', path, { password: 'my chosen password' }, { 'X-CSRF-Token': undefined })).status).toBe(403);
    expect((await browser.call('POST', path, { password: 'my chosen password' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await new PortalClient(doorway.url).call('POST', path, { password: 'my chosen password' }, { 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(403);
    // Refusals leave the link usable.
    expect((await accept(url)).result.status).toBe(201);
  });

  it('bounds the pending invitations of a client', async () => {
    const admin = await staffUser(doorway, 'admin', await newClientId());
    for (let n = 0; n < MAX_PENDING_INVITATIONS_PER_CLIENT; n += 1) await invite(admin, 'viewer');
    const beyond = await admin.post('/invitations', { email: newEmail('beyond'), role: 'viewer' });
    expect(beyond.status).toBe(409);
    expect(beyond.json.error.message).toMatch(/at most 50 pending invitations/);
    expect((await admin.get('/invitations')).json.results).toHaveLength(MAX_PENDING_INVITATIONS_PER_CLIENT);
  });

  it('lists users by email, paged, and changes a role at once', async () => {
    const admin = await signInAsAdmin(doorway);
    const viewer = await staffUser(doorway, 'viewer');
    const page = await admin.get('/users?pageSize=1&page=1');
    expect(page.json).toMatchObject({ pageNumber: 1, pageSize: 1 });
    expect(page.json.results).toHaveLength(1);
    expect(page.json.totalResults).toBeGreaterThanOrEqual(2);
    const all = await admin.get('/users');
    const emails = all.json.results.map((user: { email: string }) => user.email);
    expect(emails).toEqual([...emails].sort());
    const listed = all.json.results.find((user: { email: string }) => user.email === viewer.email);
    expect(Object.keys(listed).sort()).toEqual(['created', 'email', 'id', 'role']);

    expect((await viewer.post('/invitations', { email: newEmail('x'), role: 'viewer' })).status).toBe(403);
    const changed = await admin.patch(`/users/${listed.id}`, { role: 'admin' });
    expect(changed.status).toBe(200);
    expect(changed.json.role).toBe('admin');
    expect((await viewer.get('/session')).json.user.role).toBe('admin');
    expect((await viewer.get('/invitations')).status).toBe(200);
    expect((await admin.patch('/users/no-such-user', { role: 'viewer' })).status).toBe(404);
  });

  it('removes a user and ends their sessions at once', async () => {
    const admin = await signInAsAdmin(doorway);
    const developer = await staffUser(doorway, 'developer');
    const otherDevice = await signInAs(doorway, developer.email, developer.password);
    expect((await admin.del(`/users/${developer.session!.user.id}`)).status).toBe(204);
    expect((await developer.get('/session')).status).toBe(401);
    expect((await otherDevice.get('/session')).status).toBe(401);
    expect((await new PortalClient(doorway.url).signIn(developer.email, developer.password)).status).toBe(401);
    expect((await admin.del(`/users/${developer.session!.user.id}`)).status).toBe(404);
  });

  it('never leaves a client without an admin, even when two admins demote each other at once', async () => {
    const clientId = await newClientId();
    const first = await staffUser(doorway, 'admin', clientId);
    const only = await first.patch(`/users/${first.session!.user.id}`, { role: 'viewer' });
    expect(only.status).toBe(409);
    expect(only.json.error.message).toBe('You are the only admin. Make someone else an admin first.');
    expect((await first.del(`/users/${first.session!.user.id}`)).status).toBe(409);

    const second = await staffUser(doorway, 'admin', clientId);
    const actorOf = (client: PortalClient) => ({ ...client.session!.user, userId: client.session!.user.id, clientId });
    const outcomes = await Promise.allSettled([
      changeStaffRole(doorway.runtime.deps, actorOf(first), second.session!.user.id, 'developer'),
      changeStaffRole(doorway.runtime.deps, actorOf(second), first.session!.user.id, 'developer'),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/only admin/);
    const remaining = await Promise.all([first.get('/session'), second.get('/session')]);
    expect(remaining.map((result) => result.json.user.role).sort()).toEqual(['admin', 'developer']);

    // An admin who is not the last may demote or remove themselves; removal signs them out.
    const promoted = remaining[0]!.json.user.role === 'admin' ? first : second;
    const demoted = promoted === first ? second : first;
    expect((await promoted.patch(`/users/${demoted.session!.user.id}`, { role: 'admin' })).status).toBe(200);
    expect((await demoted.del(`/users/${demoted.session!.user.id}`)).status).toBe(204);
    expect((await demoted.get('/session')).status).toBe(401);
  });

  async function newClientId(): Promise<string> {
    const { client } = await createClient(doorway.runtime.deps, { name: `Team ${(inviteCounter += 1)}` });
    return client.id;
  }
});
