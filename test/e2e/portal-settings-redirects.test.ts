/**
 * The Portal's Redirects page in Chromium: the redirect URL with a placeholder in its host, the
 * allowed URLs, and the tester on unsaved values (allowed, then refused with the reason), then
 * saved and used by the real flow's end. Screenshots desktop and phone; axe on the page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { VIEWPORTS } from '../support/browser.js';
import { signInToPortal } from '../support/portal-browser.js';
import { capture, portalBrowserSuite } from '../support/portal-e2e.js';

const suite = portalBrowserSuite();

const verdict = (page: Page) => page.getByTestId('redirect-verdict');

describe('Redirects in the Portal', () => {
  it('tests unsaved values, says why one is refused, and saves', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/settings/redirects' });
    await page.getByRole('heading', { name: 'Redirects', level: 1 }).waitFor();
    await page.getByLabel('Redirect URL').fill('https://{env}.lender.example/done?company={companyId}&status={statusCode}');
    await page.getByLabel('Allowed URLs').fill('https://uat.lender.example');
    await page.getByLabel('Sample company id').fill('c-42');
    await page.getByLabel('Link URL query parameters').fill('env=uat');
    await page.getByRole('button', { name: 'Test redirect' }).click();
    await verdict(page).getByText('Allowed').waitFor();
    expect(await verdict(page).innerText()).toContain('https://uat.lender.example/done?company=c-42&status=200');
    await capture(page, 'portal-redirects-allowed-desktop');

    await page.getByLabel('Link URL query parameters').fill('env=prod');
    await page.getByLabel('Outcome').selectOption('exited');
    await page.getByRole('button', { name: 'Test redirect' }).click();
    await verdict(page).getByText('Would be refused').waitFor();
    expect(await verdict(page).innerText()).toContain('prod.lender.example is not in the client');
    // Nothing was saved by testing.
    expect((await suite.doorway.api('GET', '/profile')).json.redirectUrl).toBe('');

    await page.getByRole('button', { name: 'Save redirect' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await suite.doorway.api('GET', '/profile')).json).toMatchObject({ redirectUrl: 'https://{env}.lender.example/done?company={companyId}&status={statusCode}', whiteListUrls: ['https://uat.lender.example'] });
    await page.context().close();
  });

  it('keeps what was typed when the save is refused, on a phone', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/settings/redirects', viewport: VIEWPORTS.phone });
    await page.getByLabel('Redirect URL').waitFor();
    await page.getByLabel('Allowed URLs').fill('');
    await page.getByRole('button', { name: 'Save redirect' }).click();
    await page.getByTestId('error-notice').waitFor();
    expect(await page.getByLabel('Redirect URL').inputValue()).toContain('{env}');
    await capture(page, 'portal-redirects-phone');
    await page.context().close();
  });
});
