import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A client's own web page on another origin than Doorway (Doorway listens on 127.0.0.1, this page
 * is served as http://localhost:<port>), under a strict CSP, as a lender would embed Doorway:
 * its backend fetches the company access token with the API key, and its external script
 * imports `${doorway}/link-sdk` (or `/connections-sdk`), mounts the component in a 460×840
 * container and records every callback in `window.__events`. Each page is registered first
 * (`page(...)`), which says which SDK, which props and options, and which CSS the host adds.
 */

/**
 * The Doorway the page embeds: its URL, and its API as the client's backend calls it (the
 * tests' RunningDoorway; the bench wraps its own). Structural, so the bench can use this file.
 */
export interface EmbeddingDoorway {
  url: string;
  api(method: string, path: string): Promise<{ status: number; json: Record<string, any> }>;
}

export interface ClientPageConfig {
  /**
   * The module path on Doorway and the class it exports, or (`onClientOrigin`) a script the
   * client page server itself serves (`startClientPageServer`'s `scripts`: the bench's reference).
   */
  sdk: { path: string; exportName: string; onClientOrigin?: boolean };
  companyId: string;
  /** The props besides the callbacks and the token (e.g. `{ options: {...} }`); `companyId` is added for the Link SDK. */
  props?: Record<string, unknown>;
  /** Which callbacks the page passes; each one records `{ name, args }`. */
  callbacks: readonly string[];
  /** The host page's own CSS (e.g. hostile rules the component must not be affected by). */
  css?: string;
  /** Whether the page passes `companyId` in the props (Codat's Link SDK does). */
  passCompanyId?: boolean;
}

export interface RecordedEvent {
  name: string;
  args: unknown[];
}

const BASE_CSS = `#codat-link-container { width: 460px; max-width: 100%; height: 840px; }
body { margin: 16px; font: 16px/1.4 Georgia, serif; }
`;

// The page's own script: no inline code anywhere, so the CSP needs no 'unsafe-inline'.
const APP_JS = `const id = new URLSearchParams(location.search).get('p');
window.__events = [];
const config = await (await fetch('/config.json?p=' + id)).json();
const token = await (await fetch('/backend/access-token?p=' + id)).json();
const record = (name) => (...args) => { window.__events.push({ name, args: JSON.parse(JSON.stringify(args)) }); };
const props = { ...config.props, accessToken: token.accessToken };
if (config.passCompanyId) props.companyId = token.companyId;
for (const name of config.callbacks) props[name] = record(name);
const module = await import(config.moduleUrl);
window.__mountStartedAt = performance.now();
window.__component = new module[config.exportName]({ target: document.getElementById('codat-link-container'), props });
`;

const PAGE_HTML = (id: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lender portal</title>
<link rel="stylesheet" href="/host.css?p=${id}">
<script type="module" src="/app.js?p=${id}"></script></head>
<body><main><h1 class="host-title">Your application</h1><p class="dw-text host-text" id="host-text">Connect your accounts below.</p>
<div id="codat-link-container"></div></main></body></html>`;

export interface ClientPageServer {
  origin: string;
  /** The client page's strict CSP, as sent. */
  csp: string;
  /** Registers a page and returns its URL. */
  page(config: ClientPageConfig): string;
  close(): Promise<void>;
}

export async function startClientPageServer(doorway: EmbeddingDoorway, scripts: Readonly<Record<string, string>> = {}): Promise<ClientPageServer> {
  const doorwayOrigin = new URL(doorway.url).origin;
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${doorwayOrigin}`,
    `connect-src 'self' ${doorwayOrigin}`,
    `img-src ${doorwayOrigin} data:`,
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  const pages = new Map<string, ClientPageConfig>();
  let origin = ''; // known once the server listens, before any page is served

  const send = (response: ServerResponse, status: number, type: string, body: string) =>
    response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' }).end(body);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const script = scripts[url.pathname];
    if (script !== undefined) return send(response, 200, 'text/javascript', script);
    const config = pages.get(url.searchParams.get('p') ?? '');
    if (!config) return send(response, 404, 'text/plain', 'No such page');
    switch (url.pathname) {
      case '/':
        return send(response, 200, 'text/html', PAGE_HTML(url.searchParams.get('p')!));
      case '/host.css':
        return send(response, 200, 'text/css', BASE_CSS + (config.css ?? ''));
      case '/app.js':
        return send(response, 200, 'text/javascript', APP_JS);
      case '/config.json': {
        const body = { moduleUrl: `${config.sdk.onClientOrigin ? origin : doorway.url}${config.sdk.path}`, exportName: config.sdk.exportName, props: config.props ?? {}, callbacks: config.callbacks, passCompanyId: config.passCompanyId ?? config.sdk.exportName === 'CodatLink' };
        return send(response, 200, 'application/json', JSON.stringify(body));
      }
      case '/backend/access-token': {
        // The client's backend: the API key never reaches the browser, only the company's token.
        const token = await doorway.api('GET', `/companies/${config.companyId}/accessToken`);
        if (token.status !== 200) return send(response, 502, 'application/json', JSON.stringify(token.json));
        return send(response, 200, 'application/json', JSON.stringify({ companyId: config.companyId, accessToken: token.json.accessToken }));
      }
      default:
        return send(response, 404, 'text/plain', 'Not found');
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    csp,
    page(config) {
      const id = randomUUID();
      pages.set(id, config);
      return `${origin}/?p=${id}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
