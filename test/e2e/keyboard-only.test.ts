/**
 * The Link journey with the keyboard alone: Tab to reach each control, Enter or Space to use it,
 * in real Chromium. No clicks.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

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

/** Presses Tab until the focused element's text or label matches, like a keyboard user would. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? `${element.getAttribute('aria-label') ?? ''} ${element.innerText ?? ''} ${(element as HTMLInputElement).labels?.[0]?.innerText ?? ''}`.trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`could not reach ${name} with Tab`);
}

describe('keyboard only', () => {
  it('connects the Sandbox and completes without a mouse', async () => {
    const company = (await doorway.api('POST', '/companies', { name: 'Keyboard Ltd' })).json;
    const page = await (await browser.newContext()).newPage();
    await page.goto(company.redirect as string);
    await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();

    await tabTo(page, /^Connect\s+Accounting/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Select your platform' }).waitFor();
    await tabTo(page, /Search platforms/);
    await page.keyboard.type('sandbox');
    await tabTo(page, /^Sandbox/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/sandbox\/oauth\/authorize/);
    await tabTo(page, /^Authorize$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    await tabTo(page, /^Complete$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: "You're all set" }).waitFor();
    const connections = (await doorway.api('GET', `/companies/${company.id}/connections`)).json.results as { status: string }[];
    expect(connections.map((c) => c.status)).toEqual(['Linked']);
  });

  it('closes the exit dialog with Escape and returns focus', async () => {
    const company = (await doorway.api('POST', '/companies', { name: 'Escape Ltd' })).json;
    const page = await (await browser.newContext()).newPage();
    await page.goto(company.redirect as string);
    await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    await tabTo(page, /^Exit/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Leave without finishing?' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/Exit/);
  });
});
