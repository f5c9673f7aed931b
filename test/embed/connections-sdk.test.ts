/**
 * The Connections SDK in a real Chromium (docs/embedded-link.md, "Connections SDK"): a client's
 * page on another origin, under a strict CSP, whose backend fetches the company access token,
 * mounts `CodatConnections` from `{PUBLIC_URL}/connections-sdk`. Disconnect and reconnect (through
 * the Sandbox's consent page in the popup) fire their callback once, change the connection as
 * the API sees it, and send the webhooks, verified with `svix`. A popup closed early or blocked
 * is reported as recoverable and Try again reconnects. Refused origins and tokens end
 * in onError and a readable component, never a broken one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import { expectNoAxeViolations, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.js';
import { startClientPageServer, type ClientPageServer, type RecordedEvent } from '../support/client-page-server.js';
import { embeddableCompany } from '../support/embedded-link-client.js';
import { linkThroughHostedLink } from '../support/http-link-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { basicAuth, startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const CALLBACKS = ['onDisconnect', 'onReconnect', 'onClose', 'onError'] as const;
const SDK = { path: '/connections-sdk', exportName: 'CodatConnections' } as const;
const COMPONENT_VIEWPORT = { width: 500, height: 900 };
/** On a phone the host page gives the component its own width (Codat's 460 px is the desktop size). */
const PHONE_CSS = '#codat-link-container { width: auto; max-width: 460px; height: 700px; } body { margin: 0; }';

describe.each(TEST_DIALECTS)('Connections SDK in Chromium on %s', (dialect) => {
  let doorway: RunningDoorway;
  let browser: Browser;
  let pages: ClientPageServer;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    doorway = await startDoorway({
      dialect,
      webhookWorker: true,
      config: { webhooks: { worker: 'off', allowPrivateDestinations: true, retryScheduleSeconds: [0, 0, 0], retentionDays: 30, timeoutMs: 2000, concurrency: 8 } },
    });
    receiver = await startWebhookReceiver();
    const consumer = await doorway.api('POST', '/webhooks', { url: receiver.url, eventTypes: ['connection.disconnected', 'connection.reconnected'] });
    receiver.secrets.push((await doorway.api('GET', `/webhooks/${consumer.json.id}/secret`)).json.key as string);
    pages = await startClientPageServer(doorway);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await receiver?.close();
    await doorway?.close();
  });

  async function mount(companyId: string, init: { props?: Record<string, unknown>; callbacks?: readonly string[]; phone?: boolean; blockPopups?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: init.phone ? VIEWPORTS.phone : COMPONENT_VIEWPORT });
    // A browser that blocks the popup: window.open answers null, as a blocker makes it.
    if (init.blockPopups) {
      await context.addInitScript(() => {
        const allowed = window.open.bind(window);
        Object.assign(window, { allowPopups: () => (window.open = allowed) });
        window.open = () => null;
      });
    }
    const page = await context.newPage();
    await page.goto(pages.page({ sdk: SDK, companyId, callbacks: init.callbacks ?? CALLBACKS, ...(init.props ? { props: init.props } : {}), ...(init.phone ? { css: PHONE_CSS } : {}) }));
    return page;
  }

  const eventsOf = (page: Page) => page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);
  const named = async (page: Page, name: string) => (await eventsOf(page)).filter((event) => event.name === name);
  const statusOf = async (companyId: string, connectionId: string) => (await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`)).json.status as string;
  const webhook = (type: string, connectionId: string) => receiver.waitFor((received) => received.some((r) => r.event.eventType === type && r.event.payload.connection?.id === connectionId));

  it('lists a Linked connection, disconnects it and reconnects it through the popup, each callback once', async () => {
    const { companyId } = await embeddableCompany(doorway, pages.origin, 'Connections Ltd');
    const connectionId = await linkThroughHostedLink(doorway, companyId);
    const page = await mount(companyId, { props: { options: { text: { 'accounting.connectionDetails.dataTypes': ['Invoices', 'Bills'] } } } });
    const row = page.locator(`[data-connection-id="${connectionId}"]`);
    await expect.poll(() => row.textContent()).toContain('Connected');
    const text = await row.textContent();
    for (const expected of ['Accounting', 'First authorized', 'Shares: Invoices, Bills']) expect(text).toContain(expected);
    expect(await page.getByRole('button', { name: 'Close' }).count(), 'onClose is given').toBe(1);
    const firstAuthorized = await row.locator('time').getAttribute('datetime');
    expect(Date.parse(firstAuthorized!)).toBeGreaterThan(Date.now() - 60_000);
    await screenshot(page, 'connections-sdk-linked');
    await expectNoAxeViolations(page, 'Connections SDK, a Linked connection');

    // Disconnect, by keyboard: the confirmation first, then the callback, the API and the webhook.
    await row.getByRole('button', { name: /^Disconnect/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Disconnect/ });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'Connections SDK, the disconnect confirmation');
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect.poll(() => named(page, 'onDisconnect')).toEqual([{ name: 'onDisconnect', args: [{ connectionId }] }]);
    expect(await statusOf(companyId, connectionId)).toBe('Unlinked');
    await webhook('connection.disconnected', connectionId);
    await expect.poll(() => row.textContent()).toContain('Disconnected');
    expect(await page.evaluate(() => (document.activeElement as Element | null)?.tagName), 'focus stays in the component').toBe('DOORWAY-EMBED');

    // Reconnect: the popup opens in the click, the Sandbox's consent page approves.
    const [popup] = await Promise.all([page.context().waitForEvent('page'), row.getByRole('button', { name: /^Reconnect/ }).click()]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).click();
    await expect.poll(() => named(page, 'onReconnect'), { timeout: 15_000 }).toEqual([{ name: 'onReconnect', args: [{ connectionId }] }]);
    expect(await statusOf(companyId, connectionId)).toBe('Linked');
    await webhook('connection.reconnected', connectionId);
    await expect.poll(() => row.textContent()).toContain('Connected');
    expect(await row.locator('time').getAttribute('datetime'), 'first authorized, not the reconnect').toBe(firstAuthorized);
    expect(await named(page, 'onError')).toEqual([]);
    expect(await named(page, 'onDisconnect'), 'still once').toHaveLength(1);
    await screenshot(page, 'connections-sdk-reconnected');
  });

  it('reports a reconnect popup closed early as recoverable, with Try again', async () => {
    const { companyId } = await embeddableCompany(doorway, pages.origin, 'Closed Popup Ltd');
    const connectionId = await linkThroughHostedLink(doorway, companyId);
    await doorway.api('PATCH', `/companies/${companyId}/connections/${connectionId}`, { status: 'Unlinked' });
    const page = await mount(companyId);
    const reconnect = page.locator(`[data-connection-id="${connectionId}"]`).getByRole('button', { name: /^Reconnect/ });
    const [popup] = await Promise.all([page.context().waitForEvent('page'), reconnect.click()]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).waitFor();
    await popup.close();
    await expect.poll(() => named(page, 'onError'), { timeout: 15_000 }).toHaveLength(1);
    const [error] = await named(page, 'onError');
    expect(error!.args[0]).toMatchObject({ userRecoverable: true, message: expect.stringMatching(/closed/) });
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await statusOf(companyId, connectionId)).toBe('Unlinked');
    expect(await named(page, 'onReconnect')).toEqual([]);
  });

  it('reports a blocked reconnect popup as recoverable, leaves the connection as it was, and reconnects once allowed', async () => {
    const { companyId } = await embeddableCompany(doorway, pages.origin, 'Blocked Popup Ltd');
    const connectionId = await linkThroughHostedLink(doorway, companyId);
    await doorway.api('PATCH', `/companies/${companyId}/connections/${connectionId}`, { status: 'Unlinked' });
    const page = await mount(companyId, { blockPopups: true });
    const row = page.locator(`[data-connection-id="${connectionId}"]`);
    await row.getByRole('button', { name: /^Reconnect/ }).click();
    await expect.poll(() => named(page, 'onError'), { timeout: 15_000 }).toHaveLength(1);
    const [error] = await named(page, 'onError');
    expect(error!.args[0]).toMatchObject({ userRecoverable: true, message: expect.stringMatching(/blocked the window for signing in to Sandbox/) });
    expect(await statusOf(companyId, connectionId)).toBe('Unlinked');

    // The person allows popups for the page; Try again opens one and reconnects.
    await page.evaluate(() => (window as unknown as { allowPopups: () => void }).allowPopups());
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Try again' }).click()]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).click();
    await expect.poll(() => named(page, 'onReconnect'), { timeout: 15_000 }).toHaveLength(1);
    expect(await statusOf(companyId, connectionId)).toBe('Linked');
    expect(await named(page, 'onError'), 'no second error').toHaveLength(1);
  });

  it('shows an empty state, on a phone too, and the X only with onClose', async () => {
    const { companyId } = await embeddableCompany(doorway, pages.origin, 'Empty Ltd');
    const page = await mount(companyId, { phone: true, callbacks: ['onError'] });
    await page.getByRole('heading', { name: 'No connections yet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Close' }).count()).toBe(0);
    await screenshot(page, 'connections-sdk-empty-phone');
    await expectNoAxeViolations(page, 'Connections SDK, empty, phone');
    const withClose = await mount(companyId);
    await withClose.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => named(withClose, 'onClose')).toEqual([{ name: 'onClose', args: [] }]);
  });

  it('lays a connection out at a phone width', async () => {
    const { companyId } = await embeddableCompany(doorway, pages.origin, 'Phone Ltd');
    const connectionId = await linkThroughHostedLink(doorway, companyId);
    const page = await mount(companyId, { phone: true });
    await page.locator(`[data-connection-id="${connectionId}"]`).getByRole('button', { name: /^Disconnect/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling').toBe(true);
    await screenshot(page, 'connections-sdk-phone');
    await expectNoAxeViolations(page, 'Connections SDK, phone');
  });

  describe('refusals', () => {
    /** Mounts with the token the page's backend answers replaced by `token`, and waits for the refusal. */
    async function refused(companyId: string, token?: string) {
      const page = await (await browser.newContext({ viewport: COMPONENT_VIEWPORT })).newPage();
      if (token !== undefined) await page.route(`${pages.origin}/backend/access-token*`, (route) => route.fulfill({ json: { companyId, accessToken: token } }));
      await page.goto(pages.page({ sdk: SDK, companyId, callbacks: CALLBACKS }));
      await expect.poll(() => named(page, 'onError'), { timeout: 10_000 }).toHaveLength(1);
      const [error] = await named(page, 'onError');
      expect(error!.args[0]).toMatchObject({ userRecoverable: false, message: expect.any(String) });
      await page.getByRole('heading', { name: 'We could not load your connections' }).waitFor();
      expect(await page.getByTestId('error-notice').textContent()).toMatch(/\w{4,}/);
      return { page, error: error!.args[0] as { message: string; errorCode?: number } };
    }

    it("refuses a page whose origin is not in the client's CORS settings", async () => {
      const { companyId } = await embeddableCompany(doorway, pages.origin, 'Unregistered Ltd');
      await linkThroughHostedLink(doorway, companyId);
      const registered = (await doorway.api('GET', '/corsSettings')).json.allowedOrigins as string[];
      await doorway.api('POST', '/corsSettings', { allowedOrigins: registered.filter((origin) => origin !== pages.origin) });
      try {
        const { page } = await refused(companyId);
        expect(await page.locator('[data-connection-id]').count(), 'nothing of the company is shown').toBe(0);
        await screenshot(page, 'connections-sdk-refused');
        await expectNoAxeViolations(page, 'Connections SDK, refused');
      } finally {
        await doorway.api('POST', '/corsSettings', { allowedOrigins: registered });
      }
    });

    it("refuses an expired, a tampered and another client's company's token", async () => {
      const { companyId, accessToken } = await embeddableCompany(doorway, pages.origin, 'Refused Tokens Ltd');
      await linkThroughHostedLink(doorway, companyId);
      const tokens = doorway.runtime.deps.accessTokens;
      const claims = tokens.verify(accessToken, Math.floor(Date.now() / 1000))!;
      const expired = tokens.issue({ ...claims, expiresAt: Math.floor(Date.now() / 1000) - 60 });
      const [payload, signature] = accessToken.split('.');
      const tampered = `${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
      const other = await createClient(doorway.runtime.deps, { name: 'Another Lender' });
      const otherCompany = await fetch(`${doorway.url}/companies`, {
        method: 'POST',
        headers: { Authorization: basicAuth(other.apiKey), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Not Yours Ltd' }),
      }).then((response) => response.json() as Promise<{ id: string }>);
      const othersToken = tokens.issue({ clientId: other.client.id, companyId: otherCompany.id, expiresAt: claims.expiresAt });
      for (const token of [expired, tampered]) {
        const { error } = await refused(companyId, token);
        expect(error.errorCode, 'the server refused it').toBe(401);
        expect(error.message).toMatch(/access token/);
      }
      await refused(companyId, othersToken);
      await refused(companyId, 'not-a-doorway-token');
    });
  });
});
