import { expect } from 'vitest';
import { createStaffUser } from '../../src/services/portal-auth/create-staff-user.js';
import type { StaffRole } from '../../src/domain/portal/staff.js';
import type { PortalSessionView } from '../../src/wire/portal/session.js';
import { TEST_ADMIN, type RunningDoorway } from './start-doorway.js';

export interface PortalResult {
  status: number;
  json: any;
  headers: Headers;
}

/**
 * A staff member's browser, over plain HTTP: keeps the Portal's cookies, reads the pre-session
 * CSRF token from the page like the app does, and sends the session's CSRF token on changes.
 */
export class PortalClient {
  private cookies = new Map<string, string>();
  csrfToken = '';
  session: PortalSessionView | undefined;

  constructor(readonly baseUrl: string) {}

  /** Loads the Portal page: its pre-session CSRF cookie and the token in its bootstrap JSON. */
  async openPage(): Promise<string> {
    const response = await this.fetch('/portal');
    const html = await response.text();
    const bootstrap = /<script type="application\/json" id="doorway-portal-bootstrap">([^<]*)<\/script>/.exec(html);
    this.csrfToken = (JSON.parse(bootstrap![1]!) as { preSessionCsrfToken: string }).preSessionCsrfToken;
    return html;
  }

  async signIn(email: string, password: string): Promise<PortalResult> {
    if (!this.csrfToken) await this.openPage();
    const result = await this.call('POST', '/session', { email, password });
    if (result.status === 201) {
      this.session = result.json as PortalSessionView;
      this.csrfToken = this.session.csrfToken;
    }
    return result;
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, body?: unknown) => this.call('POST', path, body);
  put = (path: string, body?: unknown) => this.call('PUT', path, body);
  patch = (path: string, body?: unknown) => this.call('PATCH', path, body);
  del = (path: string) => this.call('DELETE', path);

  /** A Portal API call (`/portal/api` + path); `headers` may override or drop (undefined) the defaults. */
  async call(method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}): Promise<PortalResult> {
    const base: Record<string, string | undefined> = {
      'Content-Type': body === undefined ? undefined : 'application/json',
      'X-CSRF-Token': method === 'GET' ? undefined : this.csrfToken,
      ...headers,
    };
    const response = await this.fetch(`/portal/api${path}`, {
      method,
      headers: Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { text };
    }
    return { status: response.status, json, headers: response.headers };
  }

  /** A raw request with this browser's cookies (and nothing else of ours). */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /expires=thu, 01 jan 1970/i.test(attribute));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

/** Signs in as the test Doorway's first admin (TEST_ADMIN). */
export async function signInAsAdmin(doorway: RunningDoorway): Promise<PortalClient> {
  return signInAs(doorway, TEST_ADMIN.email, TEST_ADMIN.password);
}

export async function signInAs(doorway: RunningDoorway, email: string, password: string): Promise<PortalClient> {
  const client = new PortalClient(doorway.url);
  const result = await client.signIn(email, password);
  expect(result.status, JSON.stringify(result.json)).toBe(201);
  return client;
}

let userCounter = 0;

/**
 * A new staff user of `clientId` (default: the test Doorway's default client) with `role`,
 * created through the same use-case as invitations, and signed in.
 */
export async function staffUser(doorway: RunningDoorway, role: StaffRole, clientId = doorway.runtime.defaultClient.client.id): Promise<PortalClient & { email: string; password: string }> {
  userCounter += 1;
  const email = `${role}-${userCounter}-${Date.now()}@staff.test`;
  const password = `a long password ${userCounter}`;
  await createStaffUser(doorway.runtime.deps, { clientId, email, password, role });
  const client = await signInAs(doorway, email, password);
  return Object.assign(client, { email, password });
}
