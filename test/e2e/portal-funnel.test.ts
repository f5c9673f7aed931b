/**
 * The Auth funnel page in real Chromium: real Sandbox Link visits (driven over HTTP, which is
 * faster than clicking through them) appear as the right numbers in the page's tables; the
 * presets and custom dates change the period in the URL; desktop and phone are screenshotted
 * and pass axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { visitLink } from '../support/http-link-client.js';
import { staffUser } from '../support/portal-client.js';
import { signInToPortal } from '../support/portal-browser.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;
let browser: Browser;

beforeAll(async () => {
  doorway = await startDoorway();
  browser = await launchBrowser();
  await visitLink(doorway, 'Completes one', 'authorize');
  await visitLink(doorway, 'Completes two', 'authorize');
  await visitLink(doorway, 'Cancels', 'cancel');
  await visitLink(doorway, 'Looks only');
});
afterAll(async () => {
  await browser?.close();
  await doorway?.close();
});

/** The rows of the table with this caption, as the cells' text. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent?.trim() ?? '')));
}

describe('the Auth funnel page', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows real Link visits as customers per step, drop-out, platform and week (${viewport})`, async () => {
      const viewer = await staffUser(doorway, 'viewer');
      const page = await signInToPortal(browser, doorway, viewer, { viewport: VIEWPORTS[viewport], path: '/funnel' });
      await page.getByRole('heading', { level: 1, name: 'Auth funnel' }).waitFor();
      expect(await tableRows(page, 'Customers per step')).toEqual([
        ['Opened Link', '4', '100%', '–'],
        ['Chose a platform', '3', '75%', '1'],
        ['Gave consent', '3', '75%', '0'],
        ['Began authorizing', '3', '75%', '0'],
        ['Connected', '2', '50%', '1'],
        ['Completed', '2', '50%', '0'],
      ]);
      expect(await tableRows(page, 'Last step reached by customers who did not complete')).toEqual([
        ['Opened Link', '1', '50%'],
        ['Chose a platform', '0', '0%'],
        ['Gave consent', '0', '0%'],
        ['Began authorizing', '1', '50%'],
        ['Connected', '0', '0%'],
      ]);
      expect(await tableRows(page, 'Customers per category')).toEqual([['Accounting', '3', '2', '1', '67%']]);
      expect(await tableRows(page, 'Customers per platform')).toEqual([['Sandbox', 'Accounting', '3', '2', '1', '67%']]);
      const weeks = await tableRows(page, 'Customers per week');
      expect(weeks.at(-1)?.slice(1)).toEqual(['4', '2', '2', '50%']);
      expect(await page.getByRole('img', { name: /^Customers per step: Opened Link 4, Chose a platform 3/ }).count()).toBe(1);
      await expectNoAxeViolations(page, `auth funnel (${viewport})`);
      await screenshot(page, `portal-funnel-${viewport}`);
      await page.context().close();
    });
  }

  it('changes the period with a preset or custom dates, in the URL', async () => {
    const viewer = await staffUser(doorway, 'viewer');
    const page = await signInToPortal(browser, doorway, viewer, { path: '/funnel' });
    const last7 = page.getByRole('button', { name: 'Last 7 days' });
    await last7.click();
    await page.waitForURL(/\/portal\/funnel\?days=7$/);
    await expect.poll(() => last7.getAttribute('aria-pressed')).toBe('true');
    expect((await tableRows(page, 'Customers per step'))[0]).toEqual(['Opened Link', '4', '100%', '–']);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('First day').fill(yesterday);
    await page.getByLabel('Last day').fill(yesterday);
    await page.getByRole('button', { name: 'Show these days' }).click();
    await page.waitForURL(new RegExp(`from=${yesterday}&to=${yesterday}$`));
    await expect.poll(async () => (await tableRows(page, 'Customers per step'))[0]).toEqual(['Opened Link', '0', '–', '–']);
    await page.getByText('Nobody began authorizing a category in this period.').waitFor();
    expect(await page.getByText(/only counts visits from/).count()).toBe(0);
    await page.getByRole('button', { name: 'Last 365 days' }).click();
    await page.getByText(/this period only counts visits from \d{4}-\d{2}-\d{2} on/).waitFor();
    await expectNoAxeViolations(page, 'auth funnel, an empty period');
    await page.context().close();
  });
});
