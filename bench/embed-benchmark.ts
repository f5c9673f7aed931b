import { gunzipSync, gzipSync } from 'node:zlib';
import { startClientPageServer } from '../test/support/client-page-server.js';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { SAME_WORK_EXPORT, SAME_WORK_MODULE, SAME_WORK_PATH } from './embed-same-work.js';
import { createKeepAliveAgent, httpRequest } from './http-client.js';
import { measureLinkTransferSize } from './link-size.js';
import { formatTable, type Verdict } from './measure.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/** The budget for the Link SDK's first render, gzipped. */
export const LINK_SDK_MAX_KB = 40;
const KB = 1024;
/** Page loads per measurement; the median is reported (the first, cold, is left out). */
const LOADS = 11;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface EmbedBenchmarkResult {
  /** The module as a page downloads it (`GET /link-sdk` → the versioned file), gzipped as sent. */
  moduleGzipKb: number;
  moduleRawKb: number;
  gzippedBy: 'server' | 'bench';
  maxKb: number;
  verdict: Verdict;
  /** The Hosted Link page (HTML + link.js + link.css), same run. */
  hostedGzipKb: number;
  /** `new CodatLink(...)` to the first interactive screen, ms: median, min, max. */
  mountToInteractiveMs: { median: number; min: number; max: number };
  /** The Hosted Link page's navigation start to its first interactive screen, ms (reference). */
  hostedToInteractiveMs: { median: number; min: number; max: number };
  /** The same two CORS calls and a plain-DOM screen from the client page (embed-same-work.ts), ms. */
  sameWorkToInteractiveMs: { median: number; min: number; max: number };
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
};

async function api(doorway: BenchDoorway, method: string, path: string, body?: unknown) {
  const response = await fetch(`${doorway.url}${path}`, {
    method,
    headers: { Authorization: doorway.authorization, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

async function moduleSize(baseUrl: string) {
  const agent = createKeepAliveAgent();
  try {
    const redirect = await httpRequest(agent, new URL('/link-sdk', baseUrl));
    const location = String(redirect.headers.location ?? '');
    if (redirect.status !== 302 || !location) throw new Error(`GET /link-sdk: HTTP ${redirect.status}, no redirect`);
    const reply = await httpRequest(agent, new URL(location, baseUrl), { headers: { 'accept-encoding': 'gzip' } });
    if (reply.status !== 200) throw new Error(`GET ${location}: HTTP ${reply.status}`);
    const byServer = String(reply.headers['content-encoding'] ?? '') === 'gzip';
    const gzip = byServer ? reply.body : gzipSync(reply.body);
    const raw = byServer ? gunzipSync(reply.body) : reply.body;
    return { gzipKb: gzip.length / KB, rawKb: raw.length / KB, gzippedBy: byServer ? ('server' as const) : ('bench' as const) };
  } finally {
    agent.destroy();
  }
}

/** Polled every frame: the Link UI shows a real screen (not loading) with an enabled button. */
function interactive(): number | false {
  const roots: ParentNode[] = [document];
  const host = document.querySelector('doorway-embed');
  if (host?.shadowRoot) roots.push(host.shadowRoot);
  for (const root of roots) {
    const screen = root.querySelector('[data-screen]:not([data-screen="loading"])');
    if (screen?.querySelector('button:not([disabled])')) return performance.now();
  }
  return false;
}

export async function runEmbedBenchmark(dialect: BenchDialect, settings: BenchSettings): Promise<EmbedBenchmarkResult> {
  const { chromium } = await import('playwright-core');
  const doorway = await startBenchDoorway(dialect, settings);
  doorway.open();
  const client = await startClientPageServer({ url: doorway.url, api: (method, path) => api(doorway, method, path) }, { [SAME_WORK_PATH]: SAME_WORK_MODULE });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    await api(doorway, 'POST', '/corsSettings', { allowedOrigins: [client.origin] });
    const size = await moduleSize(doorway.url);
    const mounts: number[] = [];
    const hosted: number[] = [];
    const sameWork: number[] = [];
    for (let load = 0; load < LOADS; load += 1) {
      const companyId = (await api(doorway, 'POST', '/companies', { name: `Embed bench ${load}` })).json.id as string;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(client.page({ sdk: { path: '/link-sdk', exportName: 'CodatLink' }, companyId, callbacks: ['onError'] }));
      const shownAt = (await (await page.waitForFunction(interactive, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue()) as number;
      const mountedAt = await page.evaluate(() => (window as unknown as { __mountStartedAt: number }).__mountStartedAt);
      await page.goto(
        client.page({ sdk: { path: SAME_WORK_PATH, exportName: SAME_WORK_EXPORT, onClientOrigin: true }, companyId, props: { doorwayUrl: doorway.url }, callbacks: [], passCompanyId: true }),
      );
      const sameWorkShownAt = (await (await page.waitForFunction(interactive, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue()) as number;
      const sameWorkStartedAt = await page.evaluate(() => (window as unknown as { __mountStartedAt: number }).__mountStartedAt);
      await page.goto(`${doorway.url}/link/company/${companyId}`);
      const hostedAt = (await (await page.waitForFunction(interactive, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue()) as number;
      if (load > 0) {
        mounts.push(shownAt - mountedAt);
        hosted.push(hostedAt);
        sameWork.push(sameWorkShownAt - sameWorkStartedAt);
      }
      await context.close();
    }
    const companyId = (await api(doorway, 'POST', '/companies', { name: 'Embed bench size' })).json.id as string;
    const hostedTransfer = await measureLinkTransferSize(doorway.url, companyId);
    return {
      moduleGzipKb: size.gzipKb,
      moduleRawKb: size.rawKb,
      gzippedBy: size.gzippedBy,
      maxKb: LINK_SDK_MAX_KB,
      verdict: size.gzipKb <= LINK_SDK_MAX_KB ? 'PASS' : 'MISS',
      hostedGzipKb: hostedTransfer.totalGzipBytes / KB,
      mountToInteractiveMs: stats(mounts),
      hostedToInteractiveMs: stats(hosted),
      sameWorkToInteractiveMs: stats(sameWork),
    };
  } finally {
    await browser.close();
    await client.close();
    await doorway.close();
  }
}

const decimal = (value: number) => value.toFixed(1);
const ms = (s: { median: number; min: number; max: number }) => [decimal(s.median), `${decimal(s.min)}–${decimal(s.max)}`];

export function formatEmbedResult(result: EmbedBenchmarkResult): string {
  const sizes = formatTable(
    ['Link SDK transfer (Accept-Encoding: gzip)', 'KB', 'gzip KB', 'note'],
    [
      ['GET /link-sdk → versioned module', decimal(result.moduleRawKb), decimal(result.moduleGzipKb), `target ≤ ${result.maxKb} KB: ${result.verdict} (gzipped by the ${result.gzippedBy})`],
      ['Hosted Link page, same run (reference)', '', decimal(result.hostedGzipKb), 'HTML + link.js + link.css'],
    ],
    [false, true, true, false],
  );
  const times = formatTable(
    [`First interactive screen in Chromium (${LOADS - 1} loads)`, 'median ms', 'range ms'],
    [
      ['Link SDK: new CodatLink() → first screen (session + state + render)', ...ms(result.mountToInteractiveMs)],
      ['Same work: the same two CORS calls + a plain-DOM screen (reference)', ...ms(result.sameWorkToInteractiveMs)],
      ['Hosted Link page: navigation start → first screen (reference)', ...ms(result.hostedToInteractiveMs)],
    ],
    [false, true, true],
  );
  return [...sizes, '', ...times].join('\n');
}
