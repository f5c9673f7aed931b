/**
 * The Portal's onboarding journeys in real Chromium: sign in, create a company, Request data,
 * open the copied Link URL in a second page and connect the Sandbox, see the connection turn
 * green on the Company page; a pending connection's URL copied from Request data goes straight to
 * the Sandbox's consent page; the Invite URL copied and a company created through it. Each page
 * is screenshotted and checked with axe-core.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInToPortal } from '../support/portal-browser.js';
import { capture, portalBrowserSuite } from '../support/portal-e2e.js';

const suite = portalBrowserSuite();

/** Presses a Copy button and reads what it put on the clipboard. */
async function copied(page: Page, scope: Locator, label: string): Promise<string> {
  await scope.getByRole('button', { name: `Copy ${label}` }).click();
  await scope.getByText('Copied').waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The Companies page narrowed to one company by the search box. */
async function findCompany(page: Page, search: string, name = search): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(search);
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await page.getByRole('link', { name }).waitFor();
  await page.getByText('Showing 1–1 of 1').waitFor();
}

describe('Portal companies in Chromium', () => {
  it('creates a company, copies its Link URL from Request data, connects the Sandbox and sees it turn green', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/companies' });
    await page.getByRole('heading', { level: 1, name: 'Companies' }).waitFor();
    await page.getByRole('button', { name: 'Create company' }).click();
    const form = page.getByRole('form', { name: 'Create a company' });
    // A name with no allowed character is refused beside the field, and what was typed stays.
    await form.getByLabel('Name', { exact: true }).fill('(((');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await form.getByLabel('Tag 1 name').fill('uid');
    await form.getByLabel('Tag 1 value').fill('M-4242');
    await form.getByRole('button', { name: 'Create company' }).click();
    await form.getByText('Company name is required.').waitFor();
    expect(await form.getByLabel('Tag 1 value').inputValue()).toBe('M-4242');
    await capture(page, 'portal-companies-create-error-desktop');
    await form.getByLabel('Name', { exact: true }).fill('Greenfield Bakery');
    await form.getByLabel('Description (optional)').fill('Sourdough, since 1998');
    await form.getByRole('button', { name: 'Create company' }).click();
    await page.getByRole('status').getByText('Greenfield Bakery was created.').waitFor();

    await findCompany(page, 'm-4242', 'Greenfield Bakery');
    expect(new URL(page.url()).searchParams.get('search')).toBe('m-4242');
    await capture(page, 'portal-companies-desktop');
    await page.getByRole('button', { name: 'Request data from Greenfield Bakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request data from Greenfield Bakery' });
    await dialog.waitFor();
    await capture(page, 'portal-request-data-desktop');
    const linkUrl = await copied(page, dialog, 'Link URL');
    expect(linkUrl).toMatch(new RegExp(`^${suite.doorway.url}/link/company/[0-9a-f-]{36}$`));
    const companyId = linkUrl.split('/').at(-1)!;
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The customer, in a browser of their own.
    const customer = await (await suite.browser.newContext()).newPage();
    await customer.goto(linkUrl);
    await customer.getByRole('button', { name: 'Connect Accounting' }).click();
    await customer.getByRole('button', { name: /^Sandbox/ }).click();
    await customer.getByRole('button', { name: 'Continue' }).click();
    await customer.waitForURL(/\/sandbox\/oauth\/authorize/);
    await customer.getByRole('button', { name: 'Authorize' }).click();
    await customer.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    await customer.context().close();

    await page.getByRole('link', { name: 'Greenfield Bakery' }).click();
    await page.getByRole('heading', { level: 1, name: 'Greenfield Bakery' }).waitFor();
    // Poll: reload until the page shows what the server now holds.
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByRole('heading', { level: 2, name: 'Connections' }).waitFor();
        return page.locator('.dw-badge--ok').getByText('Linked').count();
      })
      .toBe(1);
    await page.getByText('Last token refresh').waitFor();
    await page.getByRole('heading', { name: 'Event history' }).waitFor();
    await page.getByText('connection.created').first().waitFor();
    await capture(page, 'portal-company-linked-desktop');
    const connections = (await suite.doorway.api('GET', `/companies/${companyId}/connections`)).json.results as Array<{ status: string }>;
    expect(connections.map((c) => c.status)).toEqual(['Linked']);
    await page.context().close();
  }, 60_000);

  it("copies a pending connection's URL from Request data, which opens straight at the Sandbox's consent page", async () => {
    const company = (await suite.doorway.api('POST', '/companies', { name: 'Pending Pastries' })).json as { id: string };
    const connection = (await suite.doorway.api('POST', `/companies/${company.id}/connections`, { platformKey: 'mqjo' })).json as { id: string; linkUrl: string };
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/companies' });
    await findCompany(page, 'Pending Pastries');
    await page.getByRole('button', { name: 'Request data from Pending Pastries' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request data from Pending Pastries' });
    await dialog.getByText('Needs attention').waitFor();
    await capture(page, 'portal-request-data-pending-desktop');
    const url = await copied(page, dialog, 'Sandbox connection URL (PendingAuth)');
    expect(url).toBe(connection.linkUrl);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const customer = await (await suite.browser.newContext()).newPage();
    await customer.goto(url);
    await customer.waitForURL(/\/sandbox\/oauth\/authorize/);
    await customer.getByRole('button', { name: 'Authorize' }).waitFor();
    await customer.context().close();
    await page.context().close();
  });

  it('copies the Invite URL, through which a new company signs up', async () => {
    const page = await signInToPortal(suite.browser, suite.doorway, undefined, { path: '/invite' });
    await page.getByRole('heading', { level: 1, name: 'Invite company' }).waitFor();
    await capture(page, 'portal-invite-desktop');
    expect(await page.locator('#pt-main').getByRole('link', { name: 'Link settings' }).getAttribute('href')).toBe('/portal/settings/link');
    const inviteUrl = await copied(page, page.locator('#pt-main'), 'Invite URL');
    expect(inviteUrl).toBe(`${suite.doorway.url}/link/invite/default`);

    const visitor = await (await suite.browser.newContext()).newPage();
    await visitor.goto(inviteUrl);
    await visitor.getByRole('textbox', { name: /company name/i }).fill('Invited Ironmongers');
    await visitor.getByRole('button', { name: /continue|start/i }).click();
    await visitor.getByRole('heading', { name: /Connect your (business software|accounts)/ }).waitFor();
    await visitor.context().close();

    await page.getByRole('link', { name: 'Companies' }).first().click();
    await findCompany(page, 'Invited Ironmongers');
    await page.context().close();
  });
});
