import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN, type RunningDoorway } from './start-doorway.js';

/**
 * Opens the Portal in a fresh browser context and signs in through the real form. The context
 * may read the clipboard (Copy buttons), as a person's browser would after they allowed it.
 */
export async function signInToPortal(
  browser: Browser,
  doorway: RunningDoorway,
  user: { email: string; password: string } = TEST_ADMIN,
  options: { viewport?: { width: number; height: number }; path?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: doorway.url });
  const page = await context.newPage();
  await page.goto(`${doorway.url}/portal${options.path ?? ''}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The frame's main region (the navigation is folded away behind Menu on a phone).
  await page.locator('#pt-main').waitFor();
  return page;
}
