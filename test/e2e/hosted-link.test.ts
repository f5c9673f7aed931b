/**
 * The Hosted Link journey in a real Chromium (Debian's), against a real Doorway: the Sandbox to
 * the client's redirect, cancel, a simulated error then Try again, a connection's linkUrl, the
 * Invite URL, and the credentials form. Every page is screenshotted at desktop and phone width
 * and checked with axe-core.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

let doorway: RunningDoorway;
let browser: Browser;
let lender: Server;
let lenderUrl: string;

const api = async (method: string, path: string, body?: unknown) => (await doorway.api(method, path, body)).json;

beforeAll(async () => {
  // The client's own site, where the SMB lands at the end.
  lender = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><html lang="en"><title>Lender</title><h1>Back at the lender</h1></html>');
  });
  await new Promise<void>((resolve) => lender.listen(0, '127.0.0.1', resolve));
  lenderUrl = `http://127.0.0.1:${(lender.address() as AddressInfo).port}`;
  doorway = await startDoorway();
  await api('PUT', '/profile', {
    name: 'Acme Lending',
    redirectUrl: `${lenderUrl}/done?company={companyId}&connection={connectionId}&platform={platform}&name={platformName}&type={sourceType}&status={statusCode}&error={errorMessage}&ref={ref}`,
    whiteListUrls: [lenderUrl],
  });
  await api('PUT', '/settings/link', { showLandingPage: true, categories: { commerce: { enabled: true, optional: true } } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await doorway?.close();
  await new Promise<void>((resolve) => (lender ? lender.close(() => resolve()) : resolve()));
});

async function newPage(viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  return { context, page };
}

/** A new company's Link, opened in a fresh page and past the landing page. */
async function startLink(name: string, viewport: keyof typeof VIEWPORTS) {
  const company = await api('POST', '/companies', { name });
  const { context, page } = await newPage(viewport);
  await page.goto(company.redirect as string);
  await page.getByRole('button', { name: 'Get started' }).click();
  return { company, context, page };
}

/** Screenshot and accessibility check of what is on screen now, at this page's width. */
async function capture(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}

async function sandboxDecision(page: Page, decision: 'Authorize' | 'Cancel' | 'Simulate an error', shot?: string) {
  await page.waitForURL(/\/sandbox\/oauth\/authorize/);
  if (shot) await capture(page, shot);
  await page.getByRole('button', { name: decision }).click();
}

describe('Hosted Link in Chromium', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`runs the whole Sandbox journey to the client's redirect (${viewport})`, async () => {
      const company = await api('POST', '/companies', { name: `Journey ${viewport}` });
      const { context, page } = await newPage(viewport);
      await page.goto(`${company.redirect}?ref=loan-42`);

      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Connect your business software');
      await capture(page, `01-landing-${viewport}`);
      await page.getByRole('button', { name: 'Get started' }).click();

      await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
      await capture(page, `02-main-${viewport}`);
      await page.getByRole('button', { name: 'Connect Accounting' }).click();

      await page.getByRole('heading', { name: 'Select your platform' }).waitFor();
      await page.getByRole('searchbox', { name: 'Search platforms' }).fill('sand');
      await capture(page, `03-platforms-${viewport}`);
      await page.getByRole('button', { name: /^Sandbox/ }).click();

      await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
      await capture(page, `04-consent-${viewport}`);
      await page.getByRole('button', { name: 'Continue' }).click();

      await sandboxDecision(page, 'Authorize', `05-sandbox-authorize-${viewport}`);
      await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
      await capture(page, `06-result-success-${viewport}`);
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByRole('heading', { name: "You're all set" }).waitFor();
      await expect.poll(() => page.getByText('Sandbox').count()).toBeGreaterThan(0);
      await capture(page, `07-done-${viewport}`);
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.waitForURL(`${lenderUrl}/done?**`);
      const landed = new URL(page.url());
      const connections = (await api('GET', `/companies/${company.id}/connections`)).results as { id: string; status: string }[];
      expect(connections.map((c) => c.status)).toEqual(['Linked']);
      expect(Object.fromEntries(landed.searchParams)).toEqual({
        company: company.id,
        connection: connections[0]!.id,
        platform: 'mqjo',
        name: 'Sandbox',
        type: 'Accounting',
        status: '200',
        error: '',
        ref: 'loan-42',
      });
      await context.close();
    });
  }

  it('redirects with 403 "User cancelled." when the SMB exits', async () => {
    const { context, page } = await startLink('Leaver Ltd', 'phone');
    await page.getByRole('button', { name: 'Exit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without finishing?' });
    await dialog.waitFor();
    await capture(page, '08-exit-dialog-phone');
    await dialog.getByRole('button', { name: 'Exit without finishing' }).click();
    await page.waitForURL(`${lenderUrl}/done?**`);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('status')).toBe('403');
    expect(landed.searchParams.get('error')).toBe('User cancelled.');
    await context.close();
  });

  it('shows a simulated provider error, then Try again succeeds', async () => {
    const { company, context, page } = await startLink('Retry Ltd', 'desktop');
    await page.getByRole('button', { name: 'Connect Accounting' }).click();
    await page.getByRole('button', { name: /^Sandbox/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await sandboxDecision(page, 'Simulate an error');
    await page.getByRole('heading', { name: 'Could not connect to Sandbox' }).waitFor();
    await expect.poll(() => page.getByTestId('result-error').textContent()).toMatch(/Simulated error/);
    await capture(page, '09-result-error-desktop');
    await page.getByRole('button', { name: 'Try again' }).click();
    await sandboxDecision(page, 'Authorize');
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    const connections = (await api('GET', `/companies/${company.id}/connections`)).results as { status: string; dataConnectionErrors: { status: string }[] }[];
    expect(connections).toHaveLength(1);
    expect(connections[0]!.status).toBe('Linked');
    expect(connections[0]!.dataConnectionErrors[0]!.status).toBe('Resolved');
    await context.close();
  });

  it("takes a pending connection's linkUrl straight to the platform's authorization", async () => {
    const company = await api('POST', '/companies', { name: 'Pending Ltd' });
    const connection = await api('POST', `/companies/${company.id}/connections`, { platformKey: 'mqjo' });
    const { context, page } = await newPage('desktop');
    await page.goto(connection.linkUrl as string);
    await sandboxDecision(page, 'Authorize');
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    expect((await api('GET', `/companies/${company.id}/connections/${connection.id}`)).status).toBe('Linked');
    await context.close();
  });

  it('creates a company from the Invite URL and continues into the flow', async () => {
    const { context, page } = await newPage('phone');
    await page.goto(`${doorway.url}/link/invite/default`);
    await page.getByRole('heading', { name: 'Connect your business' }).waitFor();
    await capture(page, '10-invite-phone');
    await page.getByRole('textbox', { name: /company name/i }).fill('Invited Bakery');
    await page.getByRole('button', { name: /continue|start/i }).click();
    await page.getByRole('heading', { name: /Connect your (business software|accounts)/ }).waitFor();
    const found = await api('GET', `/companies?query=${encodeURIComponent('name=Invited Bakery')}`);
    expect(found.totalResults).toBe(1);
    await context.close();
  });

  it('connects a credentials platform through its form and lets a returning customer disconnect it', async () => {
    await api('PUT', '/integrations/ltpp/settings', { enabled: true });
    const { company, context, page } = await startLink('Shopkeeper Ltd', 'desktop');
    await page.getByRole('button', { name: 'Connect Commerce' }).click();
    await page.getByRole('button', { name: /^WooCommerce/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Connect to WooCommerce' }).waitFor();
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByText(/is required/).count()).toBeGreaterThan(0);
    await capture(page, '11-credentials-errors-desktop');
    await page.getByLabel('Store URL').fill('https://shop.example.com');
    await page.getByLabel('Consumer key').fill(`ck_${'a'.repeat(40)}`);
    await page.getByLabel('Consumer secret').fill(`cs_${'b'.repeat(40)}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('heading', { name: 'Connected to WooCommerce' }).waitFor();
    const [connection] = (await api('GET', `/companies/${company.id}/connections`)).results as { id: string; status: string }[];
    expect(connection!.status).toBe('Linked');

    // A returning customer opens the same company URL and disconnects it.
    const again = await newPage('desktop');
    await again.page.goto(company.redirect as string);
    await again.page.getByRole('button', { name: 'Get started' }).click();
    await again.page.getByRole('button', { name: 'Disconnect WooCommerce' }).click();
    const dialog = again.page.getByRole('dialog', { name: 'Disconnect WooCommerce?' });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(async () => (await api('GET', `/companies/${company.id}/connections/${connection!.id}`)).status).toBe('Unlinked');
    await again.page.getByRole('button', { name: 'Reconnect WooCommerce' }).waitFor();
    await capture(again.page, '12-returning-customer-desktop');
    await again.context.close();
    await context.close();
  });

  it('shows a friendly page for an unknown company link', async () => {
    const { context, page } = await newPage('phone');
    const response = await page.goto(`${doorway.url}/link/company/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Link not found' }).waitFor();
    await capture(page, '13-not-found-phone');
    await context.close();
  });

  it('cannot be framed by another page', async () => {
    const company = await api('POST', '/companies', { name: 'Framed Ltd' });
    const { context, page } = await newPage('desktop');
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(`${lenderUrl}/`);
    await page.setContent(`<!doctype html><html lang="en"><title>x</title><iframe src="${company.redirect}" title="frame"></iframe></html>`);
    await expect.poll(() => messages.some((m) => /frame-ancestors|X-Frame-Options|Refused to display/i.test(m))).toBe(true);
    await context.close();
  });
});
