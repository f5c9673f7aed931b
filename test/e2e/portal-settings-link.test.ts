/**
 * The Portal's Link settings page in Chromium: change a Link text and a colour, see them in the
 * live preview (the real Link UI) before saving, save, then open a real company's Link URL and
 * see them in the real flow. A viewer sees the settings but cannot change them. Screenshots
 * desktop and phone; axe on each page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { VIEWPORTS } from '../support/browser.js';
import { staffUser } from '../support/portal-client.js';
import { signInToPortal } from '../support/portal-browser.js';
import { capture, portalBrowserSuite } from '../support/portal-e2e.js';

const suite = portalBrowserSuite();

const preview = (page: Page) => page.getByTestId('link-preview');

describe('Link settings in the Portal', () => {
  it('shows a changed text in the live preview, saves it, and the real Link shows it', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/settings/link' });
    await page.getByRole('heading', { name: 'Link settings', level: 1 }).waitFor();
    await preview(page).getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    await capture(page, 'portal-link-settings-desktop');

    await page.getByLabel('Start with a landing page').check();
    await page.getByText('Landing page', { exact: true }).first().click();
    const landing = page.getByRole('group', { name: 'Landing page' });
    await landing.getByLabel('Title', { exact: true }).fill('Welcome to Acme Lending');
    // The preview moved to the landing page and shows what was typed, before any save.
    await preview(page).getByRole('heading', { name: 'Welcome to Acme Lending' }).waitFor();
    await page.getByLabel('Primary colour').fill('#7a1f5c');
    await expect.poll(() => preview(page).evaluate((el) => el.style.getPropertyValue('--dw-primary'))).toBe('#7a1f5c');
    expect((await suite.doorway.api('GET', '/settings/link')).json.text).toEqual({});
    await capture(page, 'portal-link-settings-typed-desktop');

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await suite.doorway.api('GET', '/settings/link')).json).toMatchObject({ showLandingPage: true, text: { 'landing.title': 'Welcome to Acme Lending' }, branding: { primaryColor: '#7a1f5c' } });

    const company = (await suite.doorway.api('POST', '/companies', { name: 'Bakery Ltd' })).json;
    const link = await page.context().newPage();
    await link.goto(company.redirect as string);
    await link.getByRole('heading', { name: 'Welcome to Acme Lending' }).waitFor();
    await link.close();
    await page.context().close();
  });

  it('keeps what was typed when the save is refused', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/settings/link' });
    await preview(page).getByRole('heading').first().waitFor();
    await page.getByLabel('Logo URL').fill('http://not-local.example/logo.png');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('error-notice').waitFor();
    expect(await page.getByLabel('Logo URL').inputValue()).toBe('http://not-local.example/logo.png');
    await page.context().close();
  });

  it('lets a viewer read but not change, and stacks the preview on a phone', async () => {
    const viewer = await staffUser(suite.doorway, 'viewer');
    const page = await signInToPortal(suite.browser, suite.doorway, viewer, { path: '/settings/link', viewport: VIEWPORTS.phone });
    await page.getByText('Your role can view these settings but not change them.').waitFor();
    await preview(page).getByRole('heading').first().waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByLabel('Start with a landing page').isDisabled()).toBe(true);
    await capture(page, 'portal-link-settings-phone');
    await page.context().close();
  });
});
