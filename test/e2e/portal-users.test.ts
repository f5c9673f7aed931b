/**
 * Staff management in real Chromium: an admin invites a developer, the link is opened in another
 * browser where a password is chosen and the new user lands signed in; the admin changes their
 * role and removes them, and the removed user's next action shows the sign-in form; a viewer has
 * no Users page and is refused by direct request. Screenshots and axe on desktop and phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, screenshot, VIEWPORTS } from '../support/browser.js';
import { staffUser } from '../support/portal-client.js';
import { signInToPortal } from '../support/portal-browser.js';
import { portalBrowserSuite } from '../support/portal-e2e.js';
import { TEST_ADMIN } from '../support/start-doorway.js';

const suite = portalBrowserSuite();

const clientName = () => suite.doorway.runtime.defaultClient.client.name;

/** Runs a change from inside the page, as a hand-made request would: the session cookie and its CSRF token. */
const directChange = (page: Page, method: string, path: string, body: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/portal/api/session')).json();
      const response = await fetch(`/portal/api${path}`, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken }, body: JSON.stringify(body) });
      return response.status;
    },
    { method, path, body },
  );

describe('managing Portal users', () => {
  it('invites a developer who joins through the link, changes their role, and removes them', async () => {
    const { doorway, browser } = suite;
    const admin = await signInToPortal(browser, doorway, TEST_ADMIN, { path: '/users' });
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await admin.getByRole('cell', { name: `${TEST_ADMIN.email} (you)` }).waitFor();

    const email = `new.developer-${Date.now()}@staff.test`;
    await admin.getByLabel('Email').fill(email);
    await admin.getByLabel('Role', { exact: true }).selectOption('developer');
    await admin.getByRole('button', { name: 'Invite' }).click();
    const link = admin.getByLabel(`Invitation link for ${email}`);
    await link.waitFor();
    await admin.getByText('Valid 7 days, for one use.').waitFor();
    await admin.getByRole('button', { name: `Copy Invitation link for ${email}` }).click();
    const url = await admin.evaluate(() => navigator.clipboard.readText());
    expect(url).toBe(await link.inputValue());
    expect(url).toMatch(/\/portal\/invitations\/[A-Za-z0-9_-]{43}$/);
    await admin.getByRole('cell', { name: email, exact: true }).waitFor();
    await expectNoAxeViolations(admin, 'portal users');
    await screenshot(admin, 'portal-users-desktop');

    // The invited person, in a browser of their own.
    const invitedContext = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const invited = await invitedContext.newPage();
    await invited.goto(url);
    await invited.getByRole('heading', { level: 1, name: `Join ${clientName()}` }).waitFor();
    expect(await invited.getByLabel('Email').inputValue()).toBe(email);
    await invited.getByLabel('Choose a password').fill('short');
    await invited.getByRole('button', { name: 'Join and sign in' }).click();
    await invited.getByText('Use at least 12 characters.').waitFor();
    await expectNoAxeViolations(invited, 'portal invitation');
    await screenshot(invited, 'portal-invitation');
    await invited.getByLabel('Choose a password').fill('the developer’s own password');
    await invited.getByRole('button', { name: 'Join and sign in' }).click();
    await invited.locator('#pt-main').waitFor();
    await invited.waitForURL(/\/portal\/companies$/);
    await invited.locator('.pt-user').getByText(email).waitFor();
    expect(await invited.locator('.pt-user .dw-badge').textContent()).toBe('developer');

    // The link is spent: opening it again says so.
    const again = await (await browser.newContext()).newPage();
    await again.goto(url);
    await again.getByRole('heading', { level: 1, name: 'This invitation cannot be used' }).waitFor();
    await expectNoAxeViolations(again, 'portal spent invitation');
    await again.context().close();

    // The admin sees them as a user, no longer pending, and makes them a viewer.
    await admin.reload();
    const roleSelect = admin.getByLabel(`Role of ${email}`);
    await roleSelect.waitFor();
    expect(await admin.getByText('No invitations are waiting to be accepted.').count()).toBe(1);
    await roleSelect.selectOption('viewer');
    await admin.getByText(`${email} is now viewer.`).waitFor();
    await invited.reload();
    await invited.locator('.pt-user .dw-badge', { hasText: 'viewer' }).waitFor();

    // Removed: asked first, then their next action finds them signed out.
    await admin.getByRole('button', { name: `Remove ${email}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Remove ${email}?` });
    await dialog.waitFor();
    await screenshot(admin, 'portal-users-remove-dialog');
    await dialog.getByRole('button', { name: 'Remove user' }).click();
    await admin.getByText(`${email} was removed and signed out.`).waitFor();
    expect(await admin.getByLabel(`Role of ${email}`).count()).toBe(0);

    await invited.getByRole('link', { name: `${email} (your account)` }).first().click();
    await invited.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await invited.getByLabel('Current password').fill('the developer’s own password');
    await invited.getByLabel('New password').fill('another password of theirs');
    await invited.getByRole('button', { name: 'Change password' }).click();
    await invited.getByRole('heading', { name: 'Sign in to Doorway' }).waitFor();
    await invitedContext.close();
    await admin.context().close();
  });

  it('shows the Users page on a phone', async () => {
    const { doorway, browser } = suite;
    const page = await signInToPortal(browser, doorway, TEST_ADMIN, { viewport: VIEWPORTS.phone, path: '/users' });
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByLabel(`Role of ${TEST_ADMIN.email}`).waitFor();
    await expectNoAxeViolations(page, 'portal users on a phone');
    await screenshot(page, 'portal-users-phone');
    await page.context().close();
  });

  it('gives a viewer no Users page and refuses their direct requests', async () => {
    const { doorway, browser } = suite;
    const viewer = await staffUser(doorway, 'viewer');
    const page = await signInToPortal(browser, doorway, viewer, { path: '/users' });
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await directChange(page, 'POST', '/invitations', { email: 'sneaky@staff.test', role: 'admin' })).toBe(403);
    expect(await directChange(page, 'PATCH', `/users/${viewer.session!.user.id}`, { role: 'admin' })).toBe(403);
    await page.reload();
    await page.locator('.pt-user .dw-badge', { hasText: 'viewer' }).waitFor();

    // Their own account is theirs to change, on a phone too.
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${doorway.url}/portal/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByLabel('Current password').fill(viewer.password);
    await page.getByLabel('New password').fill('a viewer’s new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed.').waitFor();
    await expectNoAxeViolations(page, 'portal account on a phone');
    await screenshot(page, 'portal-account-phone');
    await page.context().close();
  });
});
