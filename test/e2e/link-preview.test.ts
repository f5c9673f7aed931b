/**
 * The Portal's live preview of the Link UI (web/link/src/preview/) in a real Chromium, built as a
 * Portal bundle would build it and mounted on a stand-in settings page: the real screens from
 * unsaved settings, updated in place as the settings change (the screen kept), jumping to a
 * screen, a whole OAuth journey without leaving the page or calling any server, and the Invite
 * page. Screenshots desktop and phone; axe on each state.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { startPreviewPage, type PreviewPage } from '../support/link-preview-page.js';

// What the Portal passes (LinkPreviewInput in web/link/src/preview/preview-state.ts; the browser
// code is not imported here, since the server's tsconfig does not compile it).
type LinkPreviewInput = Record<string, unknown>;
const INPUT = {
  clientName: 'Acme Lending',
  settings: { showLandingPage: true },
  integrations: [
    { key: 'mqjo', name: 'Sandbox', logoUrl: '', sourceType: 'Accounting', isSandbox: true, authType: 'sandbox', enabled: true },
    { key: 'xero', name: 'Xero', logoUrl: '', sourceType: 'Accounting', isSandbox: false, authType: 'oauth2', enabled: true },
    { key: 'bnks', name: 'Bank Sandbox', logoUrl: '', sourceType: 'Banking', isSandbox: true, authType: 'sandbox', enabled: true },
  ],
} satisfies LinkPreviewInput;

let previewPage: PreviewPage;
let browser: Browser;

beforeAll(async () => {
  previewPage = await startPreviewPage();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await previewPage?.close();
});

/** The stand-in page with the preview mounted; its handle is `window.preview`, and every request the page makes is recorded. */
async function openPreview(viewport: keyof typeof VIEWPORTS, input: LinkPreviewInput = INPUT): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(previewPage.url);
  await page.waitForSelector('body[data-ready="yes"]');
  await page.evaluate((given) => {
    const w = window as unknown as { mountLinkPreview: (t: HTMLElement, i: unknown, o: unknown) => unknown; preview: unknown; screens: string[] };
    w.screens = [];
    w.preview = w.mountLinkPreview(document.getElementById('preview')!, given, { onScreen: (s: { name: string }) => w.screens.push(s.name) });
  }, input);
  return { page, requests };
}

const update = (page: Page, input: LinkPreviewInput) =>
  page.evaluate((given) => (window as unknown as { preview: { update(i: unknown): void } }).preview.update(given), input);
const show = (page: Page, screen: unknown) =>
  page.evaluate((given) => (window as unknown as { preview: { show(s: unknown): Promise<void> } }).preview.show(given), screen);
const preview = (page: Page) => page.locator('#preview');

async function capture(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}

describe('the Link preview in Chromium', () => {
  it('shows unsaved texts and colours as they are typed, on the screen it is on', async () => {
    const { page, requests } = await openPreview('desktop');
    await preview(page).getByRole('heading', { name: 'Connect your business software' }).waitFor();
    await capture(page, 'link-preview-landing-desktop');

    await update(page, { ...INPUT, settings: { showLandingPage: true, text: { 'landing.title': 'Welcome to Acme' }, branding: { logoUrl: null, iconUrl: null, primaryColor: '#b3261e', secondaryColor: '#1d1b20' } } });
    await preview(page).getByRole('heading', { name: 'Welcome to Acme' }).waitFor();
    const primary = await preview(page).evaluate((el) => el.style.getPropertyValue('--dw-primary'));
    expect(primary).toBe('#b3261e');

    // Onwards with the preview's own button, then a text of the next screen changes: still there.
    await preview(page).getByRole('button', { name: 'Get started' }).click();
    await preview(page).getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    await update(page, { ...INPUT, settings: { showLandingPage: true, text: { 'main.title': 'Share your books with Acme' } } });
    await preview(page).getByRole('heading', { name: 'Share your books with Acme' }).waitFor();
    await capture(page, 'link-preview-main-desktop');
    // Only the page and its own bundle: the preview never called a server.
    expect(requests.filter((url) => !/\/(index\.html|preview\.(js|css)|favicon\.ico)?$/.test(new URL(url).pathname))).toEqual([]);
    await page.context().close();
  });

  it('runs an OAuth journey in place: consent, the platform’s yes, the result, done and the end page', async () => {
    const { page } = await openPreview('phone', { ...INPUT, settings: {} });
    await preview(page).getByRole('button', { name: 'Connect Accounting' }).click();
    await preview(page).getByRole('button', { name: /^Xero/ }).click();
    await preview(page).getByRole('heading', { name: 'Share your Xero data' }).waitFor();
    await capture(page, 'link-preview-consent-phone');
    await preview(page).getByRole('button', { name: 'Continue' }).click();
    await preview(page).getByRole('heading', { name: 'Connected to Xero' }).waitFor();
    expect(page.url()).toBe(previewPage.url);
    await preview(page).getByRole('button', { name: 'Continue' }).click();
    await preview(page).getByRole('button', { name: 'Complete' }).click();
    await preview(page).getByRole('heading', { name: "You're all set" }).waitFor();
    await capture(page, 'link-preview-done-phone');
    await preview(page).getByRole('button', { name: 'Continue' }).click();
    await preview(page).getByText('You shared data from Xero').waitFor();
    // The Portal hears of each screen after it is drawn, so the last one may come a moment later.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { screens: string[] }).screens))
      .toEqual(['main', 'platforms', 'consent', 'result', 'main', 'done', 'finished']);
    await page.context().close();
  });

  it('jumps to a screen, and leaves one whose category the settings switch off', async () => {
    const { page } = await openPreview('desktop');
    await show(page, { name: 'consent', category: 'banking' });
    await preview(page).getByRole('heading', { name: 'Share your Bank Sandbox data' }).waitFor();
    await update(page, { ...INPUT, settings: { text: { 'banking.consents.title': 'Let Acme see {platformName}' } } });
    await preview(page).getByRole('heading', { name: 'Let Acme see Bank Sandbox' }).waitFor();

    await show(page, { name: 'platforms', category: 'banking' });
    await preview(page).getByRole('heading', { name: 'Select your platform' }).waitFor();
    const noBanking = { accounting: { enabled: true, optional: false, allowedIntegrations: null }, banking: { enabled: false, optional: true, allowedIntegrations: null }, commerce: { enabled: false, optional: true, allowedIntegrations: null } };
    await update(page, { ...INPUT, settings: { categories: noBanking } });
    await preview(page).getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    expect(await preview(page).getByRole('region', { name: 'Banking' }).count()).toBe(0);

    await preview(page).getByRole('button', { name: 'Exit' }).click();
    await page.getByRole('dialog', { name: 'Leave without finishing?' }).waitFor();
    await capture(page, 'link-preview-exit-desktop');
    await page.getByRole('button', { name: 'Keep connecting' }).click();
    await page.context().close();
  });

  it('shows the Invite page with its unsaved title and body, on a phone', async () => {
    const { page } = await openPreview('phone', { ...INPUT, settings: { text: { 'invite.title': 'Apply with Acme', 'invite.body': 'Start with your company name.' } } });
    await show(page, { name: 'invite' });
    await preview(page).getByRole('heading', { name: 'Apply with Acme' }).waitFor();
    await expect(preview(page).getByText('Start with your company name.').count()).resolves.toBe(1);
    await capture(page, 'link-preview-invite-phone');
    await preview(page).getByLabel('Company name').fill('Bakery Ltd');
    await preview(page).getByRole('button', { name: 'Continue' }).click();
    await preview(page).getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    await page.context().close();
  });
});
