/**
 * The Portal's Embedded Link page in Chromium: a developer adds an allowed origin (saved through
 * the same use-case as /corsSettings), a bad one is refused with its name and what was typed is
 * kept, the module URLs are there to copy. Screenshots desktop and phone; axe on the page.
 */
import { describe, expect, it } from 'vitest';
import { VIEWPORTS } from '../support/browser.js';
import { signInToPortal } from '../support/portal-browser.js';
import { capture, portalBrowserSuite } from '../support/portal-e2e.js';

const suite = portalBrowserSuite();

describe('Embedded Link in the Portal', () => {
  it('saves allowed origins and shows the module URLs to import', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/settings/embedded-link' });
    await page.getByRole('heading', { name: 'Embedded Link', level: 1 }).waitFor();
    expect(await page.getByLabel('Link SDK').inputValue()).toBe(`${suite.doorway.url}/link-sdk`);
    expect(await page.getByLabel('Connections SDK').inputValue()).toBe(`${suite.doorway.url}/connections-sdk`);
    await page.getByLabel('Origins').fill('https://app.lender.example\nhttps://staging.lender.example/path');
    await page.getByRole('button', { name: 'Save origins' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.getByLabel('Origins').inputValue()).toBe('https://app.lender.example\nhttps://staging.lender.example');
    expect((await suite.doorway.api('GET', '/corsSettings')).json.allowedOrigins).toEqual(['https://app.lender.example', 'https://staging.lender.example']);
    await capture(page, 'portal-embedded-link-desktop');
    await page.context().close();
  });

  it('refuses a bad origin, names it and keeps what was typed, on a phone', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/settings/embedded-link', viewport: VIEWPORTS.phone });
    await page.getByLabel('Origins').waitFor();
    await page.getByLabel('Origins').fill('http://insecure.example');
    await page.getByRole('button', { name: 'Save origins' }).click();
    await page.getByTestId('error-notice').getByText(/http:\/\/insecure\.example/).waitFor();
    expect(await page.getByLabel('Origins').inputValue()).toBe('http://insecure.example');
    await capture(page, 'portal-embedded-link-phone');
    await page.context().close();
  });
});
