import type { RunningDoorway } from './start-doorway.js';

/**
 * The Link SDK's calls without a browser: what a page on `origin` sends to Doorway's embedded
 * Link API with a company access token (docs/embedded-link.md), so the CORS and token rules can
 * be tested precisely over plain HTTP. Node's fetch sends whatever Origin it is given.
 */
export class EmbeddedLinkClient {
  constructor(
    private readonly doorwayUrl: string,
    readonly origin: string,
    readonly companyId: string,
    readonly accessToken: string,
  ) {}

  get apiBase(): string {
    return `${this.doorwayUrl}/link/embed/companies/${this.companyId}/api`;
  }

  async request(method: string, path: string, init: { body?: unknown; sessionId?: string; token?: string | null; origin?: string | null } = {}) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const origin = init.origin === undefined ? this.origin : init.origin;
    if (origin !== null) headers.Origin = origin;
    const token = init.token === undefined ? this.accessToken : init.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (init.sessionId) headers['X-CSRF-Token'] = init.sessionId;
    if (method !== 'GET') headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.apiBase}${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(init.body ?? {}), redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
  }

  /** The browser's CORS preflight for a call with the SDK's headers. */
  async preflight(path: string, origin = this.origin) {
    const response = await fetch(`${this.apiBase}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-csrf-token' },
    });
    await response.arrayBuffer();
    return { status: response.status, headers: response.headers };
  }

  /** Opens the mount's session with `options` (the server-side part of CodatLinkProps.options). */
  async openSession(options: Record<string, unknown> = {}): Promise<string> {
    const opened = await this.request('POST', '/sessions', { body: { options } });
    if (opened.status !== 200) throw new Error(`opening the embedded session failed: ${opened.status} ${JSON.stringify(opened.json)}`);
    return opened.json.sessionId as string;
  }
}

/** A company whose client allows `origin`, and a fresh access token for it, through the public API. */
export async function embeddableCompany(doorway: RunningDoorway, origin: string, name = 'Embedded Ltd'): Promise<{ companyId: string; accessToken: string }> {
  const cors = await doorway.api('GET', '/corsSettings');
  const allowed = new Set<string>([...((cors.json.allowedOrigins as string[] | undefined) ?? []), origin]);
  await doorway.api('POST', '/corsSettings', { allowedOrigins: [...allowed] });
  const companyId = (await doorway.api('POST', '/companies', { name })).json.id as string;
  const token = await doorway.api('GET', `/companies/${companyId}/accessToken`);
  return { companyId, accessToken: token.json.accessToken as string };
}
