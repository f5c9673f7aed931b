import http from 'node:http';

/**
 * A minimal HTTP/1.1 client on `node:http` with a keep-alive agent: cheaper per request than
 * `fetch`, never follows redirects and never decompresses, so the benchmarks see exactly what
 * the server sent (status, `Location`, `Set-Cookie`, compressed byte counts).
 */

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequestInit {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
}

/** Generous: a request this slow means something is stuck, and it is counted as a failure. */
const REQUEST_TIMEOUT_MS = 30_000;

export function createKeepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, scheduling: 'lifo' });
}

export function httpRequest(agent: http.Agent, url: URL, init: HttpRequestInit = {}): Promise<HttpReply> {
  if (url.protocol !== 'http:') return Promise.reject(new Error(`bench client speaks plain http only, not ${url.href}`));
  const headers: http.OutgoingHttpHeaders = { ...init.headers };
  if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
  return new Promise<HttpReply>((resolve, reject) => {
    const request = http.request(
      { agent, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: init.method ?? 'GET', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
    request.once('error', reject);
    request.end(init.body);
  });
}

/**
 * One browser's cookies: name → value plus the cookie's `Path`, honoured on the way out so a
 * `Path=/link` cookie is not sent to `/sandbox/…`, as a browser would. One origin only.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=');
        const lower = key.trim().toLowerCase();
        if (lower === 'path' && value.trim().startsWith('/')) path = value.trim();
        if (lower === 'max-age' && Number(value) <= 0) expired = true;
      }
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value: pair.slice(eq + 1).trim(), path });
    }
  }

  /** The `Cookie` header for a request to `pathname`, or undefined if no cookie applies. */
  header(pathname: string): string | undefined {
    const parts: string[] = [];
    for (const [name, { value, path }] of this.cookies) {
      if (pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`)) parts.push(`${name}=${value}`);
    }
    return parts.length > 0 ? parts.join('; ') : undefined;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }
}
