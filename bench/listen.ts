import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

// `env` carries @hono/node-server's node request and response (the proxy streams from them).
type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

export interface Listening {
  url: string;
  /** Swaps the handler; lets Doorway be built after its URL (its `publicUrl`) is known. */
  setHandler(handler: FetchHandler): void;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 at a free port, exactly as `main.ts` serves Doorway. */
export async function listen(handler: FetchHandler): Promise<Listening> {
  let current = handler;
  // Handlers still running when close() cuts the sockets: the caller closes the pools they use
  // next, so close() waits for them (else a late query meets an ended pool).
  const running = new Set<Promise<unknown>>();
  const track = (request: Request, env: unknown) => {
    const handled = Promise.resolve(current(request, env));
    const settled = handled.catch(() => undefined);
    running.add(settled);
    void settled.then(() => running.delete(settled));
    return handled;
  };
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: track, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // autocannon's keep-alive sockets would otherwise hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }).then(() => Promise.all(running).then(() => undefined))),
  };
}

/** A plain node:http server on 127.0.0.1 at a free port (the proxy benchmark's platform API). */
export async function listenNode(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
