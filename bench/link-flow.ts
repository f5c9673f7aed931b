import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { CookieJar, httpRequest, type HttpReply } from './http-client.js';

/**
 * One complete Hosted Link journey through the Sandbox, exactly the requests a browser makes
 * (see test/link/link-flow-http.test.ts), without the page's own GET /link/api/state calls.
 * Every response is checked, so a broken step can never pass as a fast one.
 */

export const FLOW_STEPS = [
  'GET /link/company/{id}',
  'POST /link/api/connections',
  'POST …/consent',
  'GET …/authorize (→ Sandbox)',
  'POST /sandbox/oauth/authorize',
  'GET /link/oauth/callback',
  'POST /link/api/complete',
] as const;

export const REQUESTS_PER_FLOW = FLOW_STEPS.length;

/** The client's redirect URL the benchmark configures, so Complete resolves real placeholders. */
export const BENCH_REDIRECT_URL = 'https://lender.example/done?company={companyId}&connection={connectionId}&status={statusCode}';
export const BENCH_REDIRECT_ORIGIN = 'https://lender.example';

export class FlowFailure extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${step}: HTTP ${status}: ${detail}`);
  }
}

const BOOTSTRAP = /<script type="application\/json" id="doorway-link-bootstrap">(.*?)<\/script>/s;

/** One browser (its own cookie jar) on one origin. */
class Browser {
  readonly jar = new CookieJar();

  constructor(
    private readonly agent: http.Agent,
    private readonly base: URL,
  ) {}

  async send(step: string, method: string, target: string, init: { json?: unknown; form?: URLSearchParams; headers?: Record<string, string> } = {}) {
    const url = new URL(target, this.base);
    if (url.origin !== this.base.origin) throw new FlowFailure(step, 0, `unexpected origin in ${url.href}`);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.jar.header(url.pathname);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = init.form.toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const reply = await httpRequest(this.agent, url, { method, headers, ...(body !== undefined ? { body } : {}) });
    this.jar.store(reply.headers['set-cookie']);
    return reply;
  }
}

function expectStatus(step: string, reply: HttpReply, status: number): void {
  if (reply.status !== status) throw new FlowFailure(step, reply.status, `expected ${status}: ${reply.body.toString('utf8').slice(0, 200)}`);
}

function json(step: string, reply: HttpReply): Record<string, any> {
  expectStatus(step, reply, 200);
  try {
    return JSON.parse(reply.body.toString('utf8')) as Record<string, any>;
  } catch {
    throw new FlowFailure(step, reply.status, 'response is not JSON');
  }
}

function location(step: string, reply: HttpReply): string {
  expectStatus(step, reply, 302);
  const target = reply.headers.location;
  if (!target) throw new FlowFailure(step, reply.status, 'redirect without a Location');
  return target;
}

/**
 * Runs one flow for `companyId` in a fresh browser and returns each step's duration in ms,
 * in `FLOW_STEPS` order. Throws a `FlowFailure` naming the step on any unexpected response.
 */
export async function runSandboxFlow(agent: http.Agent, base: URL, companyId: string): Promise<number[]> {
  const browser = new Browser(agent, base);
  const durations: number[] = [];
  let started = performance.now();
  const lap = () => {
    const now = performance.now();
    durations.push(now - started);
    started = now;
  };
  const [openStep, chooseStep, consentStep, startStep, authorizeStep, callbackStep, completeStep] = FLOW_STEPS;

  const page = await browser.send(openStep, 'GET', `/link/company/${companyId}`, { headers: { accept: 'text/html' } });
  expectStatus(openStep, page, 200);
  const bootstrapJson = BOOTSTRAP.exec(page.body.toString('utf8'))?.[1];
  const sessionId = bootstrapJson ? (JSON.parse(bootstrapJson) as { csrfToken?: unknown }).csrfToken : undefined;
  if (typeof sessionId !== 'string' || sessionId.length < 20) throw new FlowFailure(openStep, page.status, 'no session id in the bootstrap JSON');
  if (!browser.jar.get('dw_browser')) throw new FlowFailure(openStep, page.status, 'no dw_browser cookie');
  lap();

  const api = { 'x-csrf-token': sessionId, accept: 'application/json' };
  const chosen = json(chooseStep, await browser.send(chooseStep, 'POST', '/link/api/connections', { json: { platformKey: 'mqjo' }, headers: api }));
  const connectionId = chosen.connection?.id;
  if (typeof connectionId !== 'string') throw new FlowFailure(chooseStep, 200, 'no connection.id');
  lap();

  const consent = json(consentStep, await browser.send(consentStep, 'POST', `/link/api/connections/${connectionId}/consent`, { headers: api }));
  const next = consent.next?.url;
  if (consent.next?.kind !== 'redirect' || typeof next !== 'string') throw new FlowFailure(consentStep, 200, `unexpected next: ${JSON.stringify(consent.next)}`);
  lap();

  const authorizeUrl = new URL(location(startStep, await browser.send(startStep, 'GET', next)), base);
  if (authorizeUrl.origin !== base.origin || authorizeUrl.pathname !== '/sandbox/oauth/authorize') {
    throw new FlowFailure(startStep, 302, `redirected to ${authorizeUrl.href}, not the Sandbox`);
  }
  lap();

  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('decision', 'authorize');
  form.set('dataset', 'uk-retailer');
  const callbackUrl = new URL(location(authorizeStep, await browser.send(authorizeStep, 'POST', authorizeUrl.pathname, { form })), base);
  if (callbackUrl.pathname !== '/link/oauth/callback' || !callbackUrl.searchParams.get('code')) {
    throw new FlowFailure(authorizeStep, 302, `redirected to ${callbackUrl.pathname}${callbackUrl.search.slice(0, 80)}, not a callback with a code`);
  }
  lap();

  const backToLink = location(callbackStep, await browser.send(callbackStep, 'GET', `${callbackUrl.pathname}${callbackUrl.search}`));
  if (backToLink !== `/link/s/${sessionId}?result=${connectionId}`) throw new FlowFailure(callbackStep, 302, `redirected to ${backToLink}`);
  lap();

  const finished = json(completeStep, await browser.send(completeStep, 'POST', '/link/api/complete', { headers: api }));
  const expected = BENCH_REDIRECT_URL.replace('{companyId}', companyId).replace('{connectionId}', connectionId).replace('{statusCode}', '200');
  if (finished.redirectUrl !== expected) throw new FlowFailure(completeStep, 200, `redirectUrl ${JSON.stringify(finished.redirectUrl)}`);
  lap();
  return durations;
}

/** The reference "flow": the same number of sequential requests, to the bare Hono route. */
export async function runBareFlow(agent: http.Agent, url: URL): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < REQUESTS_PER_FLOW; i++) {
    const started = performance.now();
    const reply = await httpRequest(agent, url);
    if (reply.status !== 200) throw new FlowFailure(`GET ${url.pathname}`, reply.status, 'expected 200');
    durations.push(performance.now() - started);
  }
  return durations;
}
