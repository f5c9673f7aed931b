/**
 * A browser without a browser: drives Link pages and the Link API over plain HTTP with a cookie
 * jar and manual redirects, so security properties can be tested precisely and fast.
 */
export class HttpLinkClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(method: string, pathOrUrl: string, init: { body?: unknown; form?: URLSearchParams; headers?: Record<string, string> } = {}) {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = init.form.toString();
    } else if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, location: response.headers.get('location') };
  }

  /** Opens a Link page and returns the session id from its bootstrap JSON. */
  async open(path: string): Promise<{ sessionId: string; html: string; status: number }> {
    const page = await this.request('GET', path);
    const match = /<script type="application\/json" id="doorway-link-bootstrap">(.*?)<\/script>/s.exec(page.text);
    const bootstrap = match ? (JSON.parse(match[1]!) as { csrfToken: string }) : undefined;
    return { sessionId: bootstrap?.csrfToken ?? '', html: page.text, status: page.status };
  }

  async api(sessionId: string, method: string, path: string, body?: unknown) {
    const result = await this.request(method, `/link/api${path}`, { body, headers: { 'X-CSRF-Token': sessionId } });
    return { status: result.status, json: result.text ? (JSON.parse(result.text) as Record<string, any>) : {} };
  }

  /** Follows one redirect hop, resolving relative locations. */
  async follow(location: string) {
    return this.request('GET', new URL(location, this.baseUrl).toString());
  }

  clearCookies(): void {
    this.cookies.clear();
  }
}

/**
 * Picks a platform, consents and answers the Sandbox's consent page with `decision`; returns the
 * callback response (a redirect back into the Link session) and the connection id.
 */
export async function authorizeThroughSandbox(
  client: HttpLinkClient,
  sessionId: string,
  decision: 'authorize' | 'cancel' | 'error',
  platformKey = 'mqjo',
) {
  const chosen = await client.api(sessionId, 'POST', '/connections', { platformKey });
  const connectionId = chosen.json.connection.id as string;
  const consent = await client.api(sessionId, 'POST', `/connections/${connectionId}/consent`);
  const toProvider = await client.follow(consent.json.next.url as string);
  const authorizeUrl = new URL(toProvider.location!);
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('decision', decision);
  form.set('dataset', 'uk-retailer');
  const toCallback = await client.request('POST', `${authorizeUrl.origin}${authorizeUrl.pathname}`, { form });
  const callbackUrl = toCallback.location!;
  const callback = await client.follow(callbackUrl);
  return { connectionId, authorizeUrl, callbackUrl, callback };
}

/**
 * One customer's Hosted Link visit over HTTP: a new company whose Link URL is opened, then
 * `decision` at the Sandbox and, once connected, Complete; without a decision the visitor only
 * looks and leaves.
 */
export async function visitLink(
  doorway: { url: string; api(method: string, path: string, body?: unknown): Promise<{ json: any }> },
  companyName: string,
  decision?: 'authorize' | 'cancel',
): Promise<void> {
  const company = (await doorway.api('POST', '/companies', { name: companyName })).json;
  const client = new HttpLinkClient(doorway.url);
  const { sessionId } = await client.open(company.redirect as string);
  if (!decision) return;
  await authorizeThroughSandbox(client, sessionId, decision);
  if (decision === 'authorize') {
    const completed = await client.api(sessionId, 'POST', '/complete');
    if (completed.status !== 200) throw new Error(`Complete answered ${completed.status}: ${JSON.stringify(completed.json)}`);
  }
}

/** Links a Sandbox connection of an existing company through its Hosted Link URL over HTTP; answers the connection id. */
export async function linkThroughHostedLink(
  doorway: { url: string; api(method: string, path: string, body?: unknown): Promise<{ json: any }> },
  companyId: string,
): Promise<string> {
  const company = (await doorway.api('GET', `/companies/${companyId}`)).json;
  const client = new HttpLinkClient(doorway.url);
  const { sessionId } = await client.open(company.redirect as string);
  return (await authorizeThroughSandbox(client, sessionId, 'authorize')).connectionId;
}
