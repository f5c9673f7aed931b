/**
 * The Link SDK in a real Chromium, on a client page of another origin under a strict CSP
 * (test/support/client-page-server.ts): a Sandbox connection through the popup with every
 * callback once, in Codat's order and shapes; styles isolated both ways; a popup closed early
 * and a blocked one (with the full-page round trip back to the client page), on both databases.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { startClientPageServer, type ClientPageServer, type RecordedEvent } from '../support/client-page-server.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { embeddableCompany } from '../support/embedded-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const CALLBACKS = ['onConnectionStarted', 'onConsent', 'onConnection', 'onFinish', 'onClose', 'onError'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rules a careless host page might have: none may reach into the component. */
const HOSTILE_CSS = `
body { color: rgb(255, 0, 0); font-family: "Comic Sans MS", cursive; line-height: 3; }
button { background: rgb(255, 0, 0) !important; font-size: 40px !important; }
h1, h2 { font-size: 72px !important; color: rgb(255, 0, 0) !important; }
.dw-card, .dw-title, .dw-button { display: none !important; }
div { border: 5px solid rgb(255, 0, 0) !important; }
`;

const eventsOf = (page: Page): Promise<RecordedEvent[]> => page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);
const names = async (page: Page) => (await eventsOf(page)).map((event) => event.name);

describe.each(TEST_DIALECTS)('Link SDK in Chromium on %s', (dialect) => {
  let doorway: RunningDoorway;
  let client: ClientPageServer;
  let browser: Browser;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    client = await startClientPageServer(doorway);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await client?.close();
    await doorway?.close();
  });

  async function mount(init: { css?: string; options?: Record<string, unknown>; blockPopups?: boolean; callbacks?: readonly string[]; viewport?: keyof typeof VIEWPORTS } = {}) {
    const { companyId } = await embeddableCompany(doorway, client.origin, `Embedded ${Math.random().toString(36).slice(2, 8)}`);
    const url = client.page({
      sdk: { path: '/link-sdk', exportName: 'CodatLink' },
      companyId,
      props: { options: { showLandingPage: false, ...init.options } },
      callbacks: init.callbacks ?? CALLBACKS,
      ...(init.css ? { css: init.css } : {}),
    });
    const context = await browser.newContext({ viewport: VIEWPORTS[init.viewport ?? 'desktop'] });
    // A browser that blocks the popup: window.open answers null, as a blocker makes it.
    if (init.blockPopups) await context.addInitScript(() => (window.open = () => null));
    const page = await context.newPage();
    // Well inside the test's own timeout, so a failure names the step that did not happen.
    context.setDefaultTimeout(10_000);
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    return { page, companyId, cspViolations };
  }

  /** From the main screen to the consent screen's button, which opens the popup. */
  async function toConsent(page: Page) {
    await page.getByRole('button', { name: 'Connect Accounting' }).click();
    await page.getByRole('button', { name: /^Sandbox/ }).click();
    await page.getByRole('heading', { name: 'Share your Sandbox data' }).waitFor();
  }

  async function authorizeInPopup(page: Page, click: () => Promise<void>) {
    const [popup] = await Promise.all([page.waitForEvent('popup'), click()]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).click();
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
  }

  it('completes a Sandbox connection through the popup, every callback once, in order, in Codat’s shapes', { timeout: 60_000 }, async () => {
    const { page, companyId, cspViolations } = await mount({ css: HOSTILE_CSS, options: {
        theme: { colors: { primary: '#0b6e4f' } },
        text: { 'main.subtitle': 'Share your **books** with Lender.' },
        sourceTypes: { accounting: { optional: false, enableIntegrations: true, dataTypes: ['invoices', 'bankAccounts'] } },
      },
    });
    // The mount's text, Markdown rendered as elements.
    await page.getByText('Share your books with Lender.').waitFor();
    expect(await page.locator('.dw-lead strong').textContent()).toBe('books');

    // The host's rules reach neither the component's buttons nor its headings and text.
    const connect = page.getByRole('button', { name: 'Connect Accounting' });
    await expect.poll(() => connect.isVisible()).toBe(true);
    const look = await connect.evaluate((button) => {
      const heading = button.getRootNode() instanceof ShadowRoot ? (button.getRootNode() as ShadowRoot).querySelector('h1') : null;
      const style = getComputedStyle(button);
      const headingStyle = heading ? getComputedStyle(heading) : null;
      return { background: style.backgroundColor, fontSize: style.fontSize, headingSize: headingStyle?.fontSize, headingColor: headingStyle?.color, headingFont: headingStyle?.fontFamily, lineHeight: headingStyle?.lineHeight };
    });
    expect(look.background).toBe('rgb(11, 110, 79)'); // the mount's theme.colors.primary
    expect(look.fontSize).not.toBe('40px');
    expect(look.headingSize).not.toBe('72px');
    expect(look.headingColor).not.toBe('rgb(255, 0, 0)');
    expect(look.headingFont).not.toContain('Comic');
    // …and the component's rules reach nothing of the host's (p.dw-text has no margin in the component).
    const host = await page.locator('#host-text').evaluate((p) => ({ marginTop: getComputedStyle(p).marginTop, primary: getComputedStyle(p).getPropertyValue('--dw-primary') }));
    expect(host).toEqual({ marginTop: '16px', primary: '' });
    await screenshot(page, `embed-01-main-hostile-css-${dialect}`);

    await toConsent(page);
    await authorizeInPopup(page, () => page.getByRole('button', { name: 'Continue' }).click());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => names(page)).toEqual(['onConnectionStarted', 'onConsent', 'onConnection', 'onFinish']);

    const [started, consent, connected, finished] = await eventsOf(page);
    const connectionId = (started!.args[0] as { connectionId: string }).connectionId;
    const viaApi = (await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json;
    expect(viaApi.status).toBe('Linked');
    const expected = { connectionId, integrationId: viaApi.integrationId, integrationKey: 'mqjo', platformName: 'Sandbox', sourceId: viaApi.sourceId, sourceType: 'Accounting' };
    expect(expected.integrationId).toMatch(UUID);
    expect(expected.sourceId).toMatch(UUID);
    expect(started!.args).toEqual([expected]);
    expect(connected!.args).toEqual([expected]);
    expect(consent!.args).toEqual([{ text: expect.stringMatching(/^# Share your Sandbox data\n\n.*\n\n## Why we need your data\n\n/s) }]);
    // sourceTypes.accounting.dataTypes is the Platform data section.
    expect((consent!.args[0] as { text: string }).text).toContain('## Data we read\n\nInvoices and Bank accounts.');
    expect(finished!.args).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('reports a popup closed early as recoverable, and Try again connects', { timeout: 60_000 }, async () => {
    const { page, companyId } = await mount();
    await toConsent(page);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Continue' }).click()]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).waitFor();
    await popup.close();
    await page.getByText('The Sandbox window was closed before you finished signing in.').waitFor();
    await expect.poll(() => names(page)).toEqual(['onConnectionStarted', 'onConsent', 'onError']);
    expect((await eventsOf(page))[2]!.args).toEqual([{ message: 'The Sandbox window was closed before you finished signing in.', userRecoverable: true }]);
    await screenshot(page, `embed-02-popup-closed-${dialect}`);
    await expectNoAxeViolations(page, 'Link SDK, popup closed');

    await authorizeInPopup(page, () => page.getByRole('button', { name: 'Try again' }).click());
    await expect.poll(() => names(page)).toEqual(['onConnectionStarted', 'onConsent', 'onError', 'onConnection']);
    const connectionId = ((await eventsOf(page))[3]!.args[0] as { connectionId: string }).connectionId;
    expect((await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json.status).toBe('Linked');
  });

  it('reports a blocked popup as recoverable and falls back to a full-page round trip back to the client page', { timeout: 60_000 }, async () => {
    const { page, companyId } = await mount({ blockPopups: true });
    await toConsent(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Your browser blocked the Sandbox sign-in window.').waitFor();
    await expect.poll(() => names(page)).toEqual(['onConnectionStarted', 'onConsent', 'onError']);
    expect((await eventsOf(page))[2]!.args).toEqual([{ message: 'Your browser blocked the Sandbox sign-in window.', userRecoverable: true }]);
    const connectionId = ((await eventsOf(page))[0]!.args[0] as { connectionId: string }).connectionId;

    await page.getByRole('button', { name: 'Continue in this window' }).click();
    await page.waitForURL(/\/sandbox\/oauth\/authorize/);
    await page.getByRole('button', { name: 'Authorize', exact: true }).click();
    // Back on the client's own page, whose new mount shows that connection's result.
    await page.waitForURL((url) => url.origin === client.origin);
    await page.getByRole('heading', { name: 'Connected to Sandbox' }).waitFor();
    await expect.poll(() => eventsOf(page)).toEqual([{ name: 'onConnection', args: [expect.objectContaining({ connectionId, integrationKey: 'mqjo', sourceType: 'Accounting' })] }]);
    expect((await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json.status).toBe('Linked');
    // A reload starts afresh: the return is reported once.
    await page.reload();
    await page.getByRole('heading', { name: 'Connect your accounts' }).waitFor();
    expect(await eventsOf(page)).toEqual([]);
  });

  it('shows the close button only with onClose; a confirmed exit calls it once; hideBorder drops the border', async () => {
    const withClose = await mount();
    const frame = withClose.page.locator('.dw-embedded');
    expect(await frame.evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('1px');
    await withClose.page.getByRole('button', { name: 'Exit' }).click();
    await withClose.page.getByRole('dialog', { name: 'Leave without finishing?' }).getByRole('button', { name: 'Exit without finishing' }).click();
    await expect.poll(() => names(withClose.page)).toEqual(['onClose']);
    expect((await eventsOf(withClose.page))[0]!.args).toEqual([]);

    const without = await mount({ callbacks: ['onConnection', 'onFinish', 'onError'], options: { hideBorder: true } });
    expect(await without.page.getByRole('button', { name: 'Exit' }).count()).toBe(0);
    expect(await without.page.locator('.dw-embedded').evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('0px');
  });

  it("fits a phone's width and is usable with the keyboard alone, with no accessibility violations", { timeout: 60_000 }, async () => {
    const { page } = await mount({ viewport: 'phone' });
    const fit = await page.evaluate(() => {
      const host = document.querySelector('#codat-link-container')!;
      const card = host.querySelector('doorway-embed')?.shadowRoot?.querySelector('.dw-embedded');
      return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, card: card?.getBoundingClientRect().width ?? -1, cardScroll: card ? card.scrollWidth - card.clientWidth : -1 };
    });
    expect(fit.page).toBeLessThanOrEqual(fit.viewport);
    expect(fit.card).toBeGreaterThan(0);
    expect(fit.card).toBeLessThanOrEqual(fit.viewport);
    expect(fit.cardScroll, 'nothing inside the card overflows sideways').toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'Link SDK, main screen on a phone');
    await screenshot(page, `embed-03-phone-${dialect}`);

    // Tab into the component and choose the first category with the keyboard alone.
    const connect = page.getByRole('button', { name: 'Connect Accounting' });
    for (let presses = 0; presses < 10 && !(await connect.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button)); presses += 1) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('searchbox', { name: 'Search platforms' }).waitFor();
    await expectNoAxeViolations(page, 'Link SDK, platforms on a phone');
  });
});
