/**
 * The Companies, Company and Invite pages on a phone, for a viewer: everything is shown, no
 * change control is offered (create, delete, unlink, save are absent; the fields are disabled),
 * and each page is screenshotted and passes axe-core at phone width.
 */
import { describe, expect, it } from 'vitest';
import { VIEWPORTS } from '../support/browser.js';
import { staffUser } from '../support/portal-client.js';
import { signInToPortal } from '../support/portal-browser.js';
import { capture, portalBrowserSuite } from '../support/portal-e2e.js';

const suite = portalBrowserSuite();

describe('Portal companies for a viewer, on a phone', () => {
  it('shows the table, the company and the invite page with no way to change anything', async () => {
    const company = (await suite.doorway.api('POST', '/companies', { name: 'Viewer Vineyards', description: 'Wine', tags: { uid: 'V-1' } })).json as { id: string };
    await suite.doorway.api('POST', `/companies/${company.id}/connections`, { platformKey: 'mqjo' });
    const viewer = await staffUser(suite.doorway, 'viewer');
    const page = await signInToPortal(suite.browser, suite.doorway, viewer, { viewport: VIEWPORTS.phone, path: '/companies?search=vineyards' });

    await page.getByRole('link', { name: 'Viewer Vineyards' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create company' }).count()).toBe(0);
    await capture(page, 'portal-companies-viewer-phone');
    await page.getByRole('button', { name: 'Request data from Viewer Vineyards' }).click();
    await page.getByRole('dialog', { name: 'Request data from Viewer Vineyards' }).getByText('Needs attention').waitFor();
    await capture(page, 'portal-request-data-phone');
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('link', { name: 'Viewer Vineyards' }).click();
    await page.getByRole('heading', { level: 1, name: 'Viewer Vineyards' }).waitFor();
    await page.getByText('Pending auth').first().waitFor();
    for (const name of ['Delete company', /^Delete/, /^Unlink/, 'Save details', 'Add tag']) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    expect(await page.getByLabel('Description').isDisabled()).toBe(true);
    expect(await page.getByLabel('Tag 1 value').isDisabled()).toBe(true);
    await page.getByText('Your role can view this company but not change it.').waitFor();
    await capture(page, 'portal-company-viewer-phone');

    await page.goto(`${suite.doorway.url}/portal/invite`);
    await page.getByRole('heading', { level: 1, name: 'Invite company' }).waitFor();
    await capture(page, 'portal-invite-phone');
    await page.context().close();
  });

  it('says so when a company does not exist', async () => {
    const admin = await signInToPortal(suite.browser, suite.doorway, undefined, { viewport: VIEWPORTS.phone, path: '/companies/00000000-0000-4000-8000-000000000000' });
    await admin.getByRole('heading', { level: 1, name: 'Company not found' }).waitFor();
    await capture(admin, 'portal-company-not-found-phone');
    await admin.context().close();
  });
});
