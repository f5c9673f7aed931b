/**
 * The Link pages say what is true (issue 9, items 11–13), in a real Chromium against a real
 * Doorway whose client has no redirect URL: the end page names what is connected or says that
 * nothing was; Cancel at the platform is not an error; each category offers one action at a time.
 * Screenshots go to artifacts/screenshots/ and every page is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;
let browser: Browser;

const api = async (method: string, path: string, body?: unknown) => (await doorway.api(method, path, body)).json;

beforeAll(async () => {
  doorway = await startDoorway();
  // No redirect URL: the SMB ends on Doorway's own page. Every category optional, so Complete
  // is possible with nothing connected.
  await api('PUT', '/profile', { name: 'Acme Lending', redirectUrl: '' });
  await api('PUT', '/settings/link', { showLandingPage: false, categories: { accounting: { enabled: true, optional: true } } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await doorway?.close();
});

async function openLink(name: string, viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const company = await api('POST', '/companies', { name });
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  await page.goto(company.redirect as string);
  await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
  return { context, page };
}

async function capture(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}

/** Accounting → Sandbox → consent Continue, arriving at the Sandbox's authorization page. */
async function toSandbox(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect Accounting' }).click();
  await page.getByRole('button', { name: /^Sandbox/ }).click();
  await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/sandbox\/oauth\/authorize/);
}

const mainText = (page: Page) => page.locator('main, body').first().innerText();
/** The accessible names of the buttons in the Accounting section. */
const accountingButtons = (page: Page) =>
  page
    .getByRole('region', { name: 'Accounting' })
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim()));

describe('Link end page (item 11)', () => {
  it('after Exit without finishing, says nothing was shared and the link can be used again', async () => {
    const { context, page } = await openLink('Leaver Ltd', 'phone');
    await page.getByRole('button', { name: 'Exit' }).click();
    await page.getByRole('dialog', { name: 'Leave without finishing?' }).getByRole('button', { name: 'Exit without finishing' }).click();
    await page.waitForURL(/\/link\/s\/[^/]+\/done$/);
    await page.getByRole('heading', { level: 1, name: 'Nothing was shared' }).waitFor();
    const text = await mainText(page);
    expect(text).toMatch(/same link again/);
    expect(text).not.toMatch(/connected and|are connected/i);
    await capture(page, 'truth-01-end-nothing-shared-phone');
    await context.close();
  });

  it('after Complete with nothing connected, neither the confirmation nor the end page claims a connection', async () => {
    const { context, page } = await openLink('Nothing Ltd');
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('heading', { name: "You're all set" }).waitFor();
    const confirmation = await mainText(page);
    expect(confirmation).not.toMatch(/now shared/);
    expect(confirmation).toMatch(/nothing will be shared/);
    await capture(page, 'truth-02-done-nothing-desktop');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nothing was shared' }).waitFor();
    await context.close();
  });

  it('after connecting, names the platform on the end page (Complete and Exit alike)', async () => {
    const { context, page } = await openLink('Sharer Ltd');
    await toSandbox(page);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('heading', { name: "You're all set" }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/link\/s\/[^/]+\/done$/);
    await page.getByRole('heading', { level: 1, name: "You're all set" }).waitFor();
    expect(await mainText(page)).toMatch(/You shared data from Sandbox\./);
    await capture(page, 'truth-03-end-connected-desktop');

    // The same customer exits a later visit: what is connected is still named.
    const again = await context.newPage();
    const [company] = (await api('GET', `/companies?query=${encodeURIComponent('name=Sharer Ltd')}`)).results as { redirect: string }[];
    await again.goto(company!.redirect);
    await again.getByRole('button', { name: 'Exit' }).click();
    await again.getByRole('dialog').getByRole('button', { name: 'Exit without finishing' }).click();
    await again.waitForURL(/\/done$/);
    expect(await mainText(again)).toMatch(/You shared data from Sandbox\./);
    await context.close();
  });
});

describe('Cancel at the platform (item 12)', () => {
  it('says plainly that nothing was shared, with Try again, and no error box', async () => {
    const { context, page } = await openLink('Canceller Ltd');
    await toSandbox(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Nothing was shared' }).waitFor();
    expect(await mainText(page)).toMatch(/You cancelled at Sandbox, so no data was shared/);
    expect(await page.locator('.dw-error, [data-testid="result-error"], .dw-outcome-icon--bad').count()).toBe(0);
    expect(await mainText(page)).not.toMatch(/User cancelled/);
    await capture(page, 'truth-04-result-cancelled-desktop');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForURL(/\/sandbox\/oauth\/authorize/);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    await context.close();
  });
});

describe('One action per state (item 13)', () => {
  it('a pending connection offers only Continue, which leads back to consent and the platform list', async () => {
    const { context, page } = await openLink('Pending Ltd');
    await page.getByRole('button', { name: 'Connect Accounting' }).click();
    await page.getByRole('button', { name: /^Sandbox/ }).click();
    await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Select your platform' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Continue Sandbox' }).waitFor();
    expect(await accountingButtons(page)).toEqual(['Continue Sandbox']);
    await capture(page, 'truth-05-main-pending-desktop');
    await page.getByRole('button', { name: 'Continue Sandbox' }).click();
    await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
    // Choosing another platform is still possible from here.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Select your platform' }).waitFor();
    await context.close();
  });

  it('after a cancelled or failed attempt, offers only Try again', async () => {
    const { context, page } = await openLink('Failed Ltd', 'phone');
    await toSandbox(page);
    await page.getByRole('button', { name: 'Simulate an error' }).click();
    await page.getByRole('heading', { name: 'Could not connect to Sandbox' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Try again Sandbox' }).waitFor();
    expect(await accountingButtons(page)).toEqual(['Try again Sandbox']);
    await capture(page, 'truth-06-main-failed-phone');
    await page.getByRole('button', { name: 'Try again Sandbox' }).click();
    await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sandbox\/oauth\/authorize/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Nothing was shared' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Try again Sandbox' }).waitFor();
    expect(await accountingButtons(page)).toEqual(['Try again Sandbox']);
    // The note under a cancelled attempt is not an error.
    expect(await page.locator('.dw-connection-error').count()).toBe(0);
    await context.close();
  });
});
