/**
 * A minimal "browser" for driving authorization flows: follows redirects by hand (so each hop is
 * visible) and keeps cookies in a jar, ignoring paths and expiry, which is enough for one origin.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      this.#cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
  }

  header(): Record<string, string> {
    if (this.#cookies.size === 0) return {};
    return { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/** GETs `startUrl` and follows redirects until one points at `stopPrefix`, which is returned unvisited. */
export async function followRedirectsUntil(startUrl: string, stopPrefix: string, jar = new CookieJar()): Promise<URL> {
  let url = startUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.startsWith(stopPrefix)) return new URL(url);
    const response = await fetch(url, { redirect: 'manual', headers: jar.header() });
    jar.store(response);
    const body = await response.text();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`Expected a redirect from ${url}, got HTTP ${response.status}: ${body.slice(0, 300)}`);
    }
    url = new URL(location, url).href;
  }
  throw new Error(`Too many redirects from ${startUrl}`);
}
