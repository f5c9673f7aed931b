/**
 * The Portal's Integrations page in Chromium against a real authorization server
 * (oidc-provider): a wrong secret tested (refused), the right one saved and tested (accepted),
 * the secret never shown again, the callback URL to register; a viewer cannot change anything.
 * Screenshots desktop and phone; axe on the page.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, VIEWPORTS } from '../support/browser.js';
import { oidcTestPlatform, writeProvidersFile } from '../support/oidc-platform.js';
import { staffUser } from '../support/portal-client.js';
import { signInToPortal } from '../support/portal-browser.js';
import { capture } from '../support/portal-e2e.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { BASIC_CLIENT, startOidcServer, type OidcServer } from '../oauth/support/oidc-server.js';

let oidc: OidcServer;
let doorway: RunningDoorway;
let browser: Browser;

beforeAll(async () => {
  oidc = await startOidcServer();
  doorway = await startDoorway({ config: { providersFile: writeProvidersFile([oidcTestPlatform(oidc.issuer)]) } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await doorway?.close();
  await oidc?.close();
});

const card = (page: Page, name: string): Locator => page.getByRole('form', { name });

describe('Integrations in the Portal', () => {
  it('tests a wrong and a right secret against the platform, saves, and never shows the secret', async () => {
    const page = await signInToPortal(browser, doorway, undefined, { path: '/integrations' });
    const books = card(page, 'Test Books');
    await books.waitFor();
    expect(await books.getByLabel('Callback URL to register at the platform').inputValue()).toBe(`${doorway.url}/link/oauth/callback`);

    await books.getByLabel('Client id').fill(BASIC_CLIENT.clientId);
    await books.getByLabel('Client secret').fill('not-the-right-secret');
    await books.getByRole('button', { name: 'Test credentials' }).click();
    await books.getByTestId('credentials-verdict').getByText('Refused').waitFor();

    await books.getByLabel('Client secret').fill(BASIC_CLIENT.clientSecret);
    await books.getByRole('button', { name: 'Test credentials' }).click();
    await books.getByTestId('credentials-verdict').getByText('Accepted').waitFor();

    await books.getByLabel('Offer Test Books in Link').check();
    await books.getByRole('button', { name: 'Save' }).click();
    await books.getByText('Saved.').waitFor();
    expect(await books.getByLabel('Client secret').inputValue()).toBe('');
    await books.getByText('Set. Leave empty to keep it').waitFor();
    expect((await doorway.api('GET', '/integrations/tbks')).json.enabled).toBe(true);
    await capture(page, 'portal-integrations-desktop');

    // After a reload the saved app is tested (the secret is only on the server).
    await page.reload();
    await card(page, 'Test Books').getByRole('button', { name: 'Test credentials' }).click();
    await card(page, 'Test Books').getByTestId('credentials-verdict').getByText('Accepted').waitFor();
    expect(await page.content()).not.toContain(BASIC_CLIENT.clientSecret);
    await page.context().close();
  });

  it('shows a viewer the settings without controls, on a phone', async () => {
    const viewer = await staffUser(doorway, 'viewer');
    const page = await signInToPortal(browser, doorway, viewer, { path: '/integrations', viewport: VIEWPORTS.phone });
    await card(page, 'Test Books').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await card(page, 'Sandbox').getByLabel('Offer Sandbox in Link').isDisabled()).toBe(true);
    await capture(page, 'portal-integrations-phone');
    await page.context().close();
  });
});
