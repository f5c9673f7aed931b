/**
 * web/embed's authorization popup in a real Chromium, on a client page of another origin: the
 * result arrives by Doorway's postMessage through a popup that kept its opener (so every page
 * on the way kept `Cross-Origin-Opener-Policy: unsafe-none`), a popup closed early is reported,
 * and the Link API check alone also ends the wait. The Link SDK's own journey is elsewhere.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { embeddableCompany, EmbeddedLinkClient } from '../support/embedded-link-client.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

const moduleSource = ts.transpileModule(fs.readFileSync('web/embed/src/authorization-window.ts', 'utf8'), {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
}).outputText;

/** The client's page: opens the popup in the click, then (as after a Link API call) runs it. */
const APP = `import { createAuthorizationWindow } from '/authorization-window.js';
const params = new URLSearchParams(location.search);
const popup = createAuthorizationWindow({ doorwayOrigin: params.get('doorway') });
window.checks = 0;
document.getElementById('connect').addEventListener('click', () => {
  if (!popup.open()) { window.result = { kind: 'blocked' }; return; }
  setTimeout(() => {
    const check = async () => { window.checks += 1; return params.get('checkAnswers') === 'true'; };
    popup.run(params.get('authorize'), params.get('connection'), check).then((result) => { window.result = result; });
  }, 50);
});`;

const PAGE = '<!doctype html><html lang="en"><head><title>Lender</title><script type="module" src="/app.js"></script></head><body><button id="connect">Connect</button></body></html>';

describe('authorization window in Chromium', () => {
  let doorway: RunningDoorway;
  let browser: Browser;
  let clientPage: Server;
  let clientOrigin: string;

  beforeAll(async () => {
    doorway = await startDoorway();
    clientPage = createServer((request, response) => {
      const [type, body] = request.url === '/app.js' ? ['text/javascript', APP] : request.url === '/authorization-window.js' ? ['text/javascript', moduleSource] : ['text/html', PAGE];
      response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
    });
    await new Promise<void>((resolve) => clientPage.listen(0, '127.0.0.1', resolve));
    clientOrigin = `http://127.0.0.1:${(clientPage.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => clientPage?.close(resolve));
    await doorway?.close();
  });

  /** A consented Sandbox connection of a mount on the client's page, and that page opened in Chromium. */
  async function clientPageFor(checkAnswers: boolean): Promise<{ page: Page; connectionId: string; embed: EmbeddedLinkClient; sessionId: string }> {
    const { companyId, accessToken } = await embeddableCompany(doorway, clientOrigin);
    const embed = new EmbeddedLinkClient(doorway.url, clientOrigin, companyId, accessToken);
    const sessionId = await embed.openSession();
    const connectionId = (await embed.request('POST', '/connections', { sessionId, body: { platformKey: 'mqjo' } })).json.connection.id as string;
    const authorize = (await embed.request('POST', `/connections/${connectionId}/consent`, { sessionId })).json.next.url as string;
    const page = await (await browser.newContext()).newPage();
    const query = new URLSearchParams({ doorway: new URL(doorway.url).origin, authorize, connection: connectionId, checkAnswers: String(checkAnswers) });
    await page.goto(`${clientOrigin}/?${query}`);
    return { page, connectionId, embed, sessionId };
  }

  const resultOf = async (page: Page) => {
    await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined);
    return page.evaluate(() => {
      const state = window as unknown as { result: unknown; checks: number };
      return { result: state.result, checks: state.checks };
    });
  };

  it('returns by postMessage from the callback page, which closes the popup', async () => {
    // The check never answers true here, so only Doorway's message can end the wait.
    const { page, connectionId, embed, sessionId } = await clientPageFor(false);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('#connect')]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).click();
    const { result } = await resultOf(page);
    expect(result).toEqual({ kind: 'returned', connectionId });
    await expect.poll(() => popup.isClosed()).toBe(true);
    expect((await embed.request('GET', `/connections/${connectionId}`, { sessionId })).json.connection.status).toBe('Linked');
  });

  it('reports a popup closed before the platform sent it back, after a last check', async () => {
    const { page } = await clientPageFor(false);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('#connect')]);
    await popup.getByRole('button', { name: 'Authorize', exact: true }).waitFor();
    await popup.close();
    const { result, checks } = await resultOf(page);
    expect(result).toEqual({ kind: 'closed' });
    expect(checks).toBeGreaterThanOrEqual(1);
  });

  it('ends the wait when the Link API says the connection is done, and closes the popup', async () => {
    const { page, connectionId } = await clientPageFor(true);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('#connect')]);
    const { result } = await resultOf(page);
    expect(result).toEqual({ kind: 'returned', connectionId });
    await expect.poll(() => popup.isClosed()).toBe(true);
  });
});
