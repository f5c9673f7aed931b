import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot } from './browser.js';
import { startDoorway, type RunningDoorway } from './start-doorway.js';

/** One Doorway and one Chromium for a Portal e2e file, started before its tests and closed after. */
export function portalBrowserSuite(): { readonly doorway: RunningDoorway; readonly browser: Browser } {
  let doorway: RunningDoorway | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    doorway = await startDoorway();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await doorway?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite starts in beforeAll: use it inside a test');
    return value;
  };
  return {
    get doorway() {
      return started(doorway);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** A screenshot of what is on screen, and axe-core on it. */
export async function capture(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}
