/**
 * The Portal's frame in real Chromium: the sign-in form (a wrong password keeps the email typed),
 * the navigation for each role, sign-out, and accessibility on desktop and phone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { staffUser } from '../support/portal-client.js';
import { signInToPortal } from '../support/portal-browser.js';
import { startDoorway, TEST_ADMIN, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;
let browser: Browser;

beforeAll(async () => {
  doorway = await startDoorway();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await doorway?.close();
});

describe('the Portal shell', () => {
  it('refuses a wrong password without saying whether the email exists, keeping what was typed', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${doorway.url}/portal`);
    await page.getByRole('heading', { name: 'Sign in to Doorway' }).waitFor();
    await expectNoAxeViolations(page, 'portal sign-in');
    await screenshot(page, 'portal-sign-in');
    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill('definitely not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match an account.').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(TEST_ADMIN.email);
    await page.context().close();
  });

  it('signs in, shows the navigation, keeps the path, and signs out', async () => {
    const page = await signInToPortal(browser, doorway, TEST_ADMIN, { path: '/integrations' });
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.waitForURL(/\/portal\/companies$/);
    expect(await page.getByRole('link', { name: 'Companies' }).getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolations(page, 'portal frame');
    await screenshot(page, 'portal-frame-desktop');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Doorway' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Doorway' }).waitFor();
    await page.context().close();
  });

  it('does not offer admins-only pages to a viewer, and works on a phone', async () => {
    const viewer = await staffUser(doorway, 'viewer');
    const page = await signInToPortal(browser, doorway, viewer, { viewport: VIEWPORTS.phone, path: '/users' });
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    const nav = page.getByRole('navigation', { name: 'Portal' });
    await nav.getByRole('link', { name: 'Companies' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'portal frame on a phone');
    await screenshot(page, 'portal-frame-phone');
    await page.context().close();
  });
});
